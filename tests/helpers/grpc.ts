/**
 * @grpc/grpc-js as @pulumi/pulumi loads it. The SDK's generated gRPC clients come from that copy,
 * and the credentials handed to them must come from the same one.
 */
import * as path from "path";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof import("@grpc/grpc-js");
