// Preloaded (`node -r`) into every command the start-up benchmark times: when the process exits,
// writes its peak resident set size in bytes, as the kernel counts it, to $BENCH_RSS_FILE.
"use strict";
process.on("exit", () => {
    if (process.env.BENCH_RSS_FILE) require("fs").writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
