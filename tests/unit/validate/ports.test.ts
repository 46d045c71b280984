import { strict as assert } from "assert";
import { normalisePorts } from "../../../sdk/validate/ports";
import { Problems } from "../../../sdk/validate/problems";

describe("normalisePorts", () => {
    it("fills in targetPort and protocol, and marks client ports", () => {
        const problems = new Problems();
        assert.deepEqual(
            normalisePorts(problems, [
                { name: "client", port: 2181, client: true },
                { name: "metrics", port: 9000, targetPort: 9100, protocol: "UDP" },
            ]),
            [
                { name: "client", port: 2181, targetPort: 2181, protocol: "TCP", client: true },
                { name: "metrics", port: 9000, targetPort: 9100, protocol: "UDP", client: false },
            ],
        );
        assert.equal(problems.count, 0);
    });

    it("refuses a targetPort given as a port name, saying the number it stands for", () => {
        const problems = new Problems();
        normalisePorts(problems, [{ name: "client", port: 2181, client: true, targetPort: "client" }]);
        assert.throws(
            () => problems.throwIfAny("test"),
            /ports\[0\]\.targetPort "client" is a port name; targetPort takes the number the servers listen on \("client" listens on 2181\)/,
        );
    });
});
