"""Runs a Pulumi Python program against stand-ins for `pulumi` and for the SDK that
`pulumi package add` generates from a package schema, and prints as JSON what the program did:
the components it created with their keyword arguments, and the stack outputs it exported.

The stand-in SDK has what the generated one has, named as Pulumi's Python code generator names
them: a module `pulumi_<package>`, a class per component whose keyword arguments are the
snake_case input names, a `str` enum per enum type with UPPER_SNAKE_CASE members, and the
snake_case output names as attributes. Anything else the program touches fails as it would.

usage: python3 run_python_program.py <schema.json> <program directory> [<config as JSON>]
"""

import enum
import json
import os
import re
import runpy
import sys
import types


def py_name(name):
    """camelCase to snake_case, as the code generator names properties."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class OutputValue:
    """An output property of a component: known only when the program is deployed."""

    def __init__(self, resource, output):
        self.resource = resource
        self.output = output


def encode(value):
    if isinstance(value, OutputValue):
        return {"resource": value.resource, "output": value.output}
    raise TypeError(f"{value!r} is not a value the SDK can send")


def stand_in_pulumi(config, exports):
    module = types.ModuleType("pulumi")

    class Config:
        def __init__(self, name=None):
            pass

        def get(self, key, default=None):
            return config.get(key, default)

        def get_int(self, key, default=None):
            return int(config[key]) if key in config else default

        def require(self, key):
            return config[key]

    module.Config = Config
    module.export = lambda name, value: exports.__setitem__(name, value)
    return module


def stand_in_sdk(schema, created):
    module = types.ModuleType("pulumi_" + schema["name"].replace("-", "_"))
    for token, spec in schema["types"].items():
        if "enum" in spec:
            name = token.split(":")[-1]
            members = {py_name(v["name"]).upper(): v["value"] for v in spec["enum"]}
            setattr(module, name, enum.Enum(name, members, type=str))
    for token, spec in schema["resources"].items():
        setattr(module, token.split(":")[-1], component_class(token, spec, created))
    return module


def component_class(token, spec, created):
    class_name = token.split(":")[-1]
    inputs = {py_name(k) for k in spec.get("inputProperties", {})}
    outputs = {py_name(k): k for k in spec.get("properties", {})}

    def __init__(self, resource_name, opts=None, **kwargs):
        unknown = sorted(set(kwargs) - inputs)
        if unknown:
            raise TypeError(f"{class_name}() got unexpected keyword arguments {unknown}")
        self._name = resource_name
        created.append({"type": token, "name": resource_name, "args": kwargs})

    def __getattr__(self, attribute):
        if attribute.startswith("_") or attribute not in outputs:
            raise AttributeError(f"{class_name} has no output {attribute!r}")
        return OutputValue(self._name, outputs[attribute])

    return type(class_name, (), {"__init__": __init__, "__getattr__": __getattr__})


def main():
    schema_file, program_dir = sys.argv[1], sys.argv[2]
    config = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    with open(schema_file, encoding="utf-8") as f:
        schema = json.load(f)
    created, exports = [], {}
    sdk = stand_in_sdk(schema, created)
    sys.modules["pulumi"] = stand_in_pulumi(config, exports)
    sys.modules[sdk.__name__] = sdk
    sys.path.insert(0, program_dir)
    runpy.run_path(os.path.join(program_dir, "__main__.py"), run_name="__main__")
    print(json.dumps({"created": created, "exports": exports}, default=encode))


if __name__ == "__main__":
    main()
