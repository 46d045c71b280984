// Runs the benchmark's hand-written program; its stack outputs are what the function returns.
import { handWrittenProgram } from "../../programs/hand-written";

export default handWrittenProgram;
