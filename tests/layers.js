// The test layers' time limits, so one `mocha` run of every layer keeps each layer's own limit:
// unit tests are pure functions and must stay fast; behaviour tests run the component and the
// renderer in this process; system tests start real processes and servers.
"use strict";
const path = require("path");

const LIMITS = { unit: 2_000, behaviour: 20_000, system: 120_000 };

function layerOf(file) {
    const parts = path.relative(__dirname, file ?? "").split(path.sep);
    return parts[0];
}

exports.mochaHooks = {
    beforeEach() {
        const test = this.currentTest;
        const limit = LIMITS[layerOf(test?.file)];
        let root = test?.parent;
        while (root?.parent) root = root.parent;
        // A suite or test that sets its own limit (a server that takes a while to start) keeps it.
        if (test && limit !== undefined && test.timeout() === root.timeout()) test.timeout(limit);
        // Every warning is asserted (tests/helpers/warnings.ts). Tests that take a `done` callback
        // are left as they are.
        if (test && test.fn && test.fn.length === 0 && !test.fn.warningsChecked) {
            const { withWarningsChecked } = require("./helpers/warnings");
            const fn = test.fn;
            test.fn = function () {
                return withWarningsChecked(() => fn.call(this));
            };
            test.fn.warningsChecked = true;
        }
    },
};
