// Runs the benchmark's component program; its stack outputs are what the function returns.
import { componentProgram } from "../../programs/component";

export default componentProgram;
