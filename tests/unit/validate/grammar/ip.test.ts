import { strict as assert } from "assert";
import { endpointRejection, ipv6Zone, parseIp } from "../../../../sdk/validate/grammar/ip";

describe("parseIp", () => {
    const cases: [string, string | undefined, string | undefined][] = [
        // input, family, canonical
        ["10.0.0.1", "IPv4", "10.0.0.1"],
        ["2001:DB8:0:0:0:0:0:1", "IPv6", "2001:db8::1"],
        ["2001:db8:0:0:1:0:0:1", "IPv6", "2001:db8::1:0:0:1"],
        ["fd00:0:0:0:0:0:0:0", "IPv6", "fd00::"],
        ["::ffff:10.1.2.3", "IPv6", "::ffff:a01:203"],
        ["010.0.0.1", undefined, undefined],
        ["10.0.0", undefined, undefined],
        ["fe80::1%eth0", undefined, undefined],
        ["zk-0.example.com", undefined, undefined],
        [" 10.0.0.1", undefined, undefined],
    ];
    for (const [input, family, canonical] of cases) {
        it(`reads ${JSON.stringify(input)} as ${family ?? "no address"}`, () => {
            const ip = parseIp(input);
            assert.equal(ip?.family, family);
            assert.equal(ip?.canonical, canonical);
        });
    }
});

describe("ipv6Zone", () => {
    const cases: [string, string | undefined][] = [
        ["2001:db8::13%eth0", "eth0"],
        ["fe80::1%25", "25"],
        ["2001:db8::13", undefined],
        ["10.0.0.1%eth0", undefined],
        ["zk-0.example.com", undefined],
    ];
    for (const [input, zone] of cases) {
        it(`finds ${zone === undefined ? "no zone" : JSON.stringify(zone)} in ${JSON.stringify(input)}`, () => {
            assert.equal(ipv6Zone(input), zone);
        });
    }
});

describe("endpointRejection", () => {
    const cases: [string, string | undefined][] = [
        ["10.0.0.1", undefined],
        ["192.168.1.20", undefined],
        ["2001:db8::1", undefined],
        ["0.0.0.0", "is the unspecified address"],
        ["127.0.0.1", "is a loopback address (127.0.0.0/8)"],
        ["127.255.0.9", "is a loopback address (127.0.0.0/8)"],
        ["169.254.169.254", "is a link-local address (169.254.0.0/16)"],
        ["224.0.0.251", "is a multicast address (224.0.0.0/4)"],
        ["239.1.1.1", "is a multicast address (224.0.0.0/4)"],
        ["255.255.255.255", "is the broadcast address"],
        ["::", "is the unspecified address (::)"],
        ["::1", "is a loopback address (::1)"],
        ["fe80::1", "is a link-local address (fe80::/10)"],
        ["febf::1", "is a link-local address (fe80::/10)"],
        ["fec0::1", undefined],
        ["ff02::1", "is a multicast address (ff00::/8)"],
        ["::ffff:10.1.2.3", "is an IPv4-mapped IPv6 address; give the IPv4 address 10.1.2.3 instead"],
    ];
    for (const [input, reason] of cases) {
        it(`${reason ? "refuses" : "accepts"} ${input}${reason ? ` because it ${reason}` : ""}`, () => {
            assert.equal(endpointRejection(parseIp(input)!), reason);
        });
    }
});
