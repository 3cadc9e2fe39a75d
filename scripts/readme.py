"""Build each addon's README.rst from its readme/ fragments (OCA layout).

    python scripts/readme.py [ADDON ...]      # default: every addon in addons/
"""
import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = [("DESCRIPTION", "Description"), ("CONFIGURE", "Configuration"),
            ("USAGE", "Usage")]


def build(addon):
    base = os.path.join(ROOT, "addons", addon)
    with open(os.path.join(base, "__manifest__.py"), encoding="utf-8") as handle:
        manifest = ast.literal_eval(handle.read())
    title = manifest["name"]
    parts = ["=" * len(title), title, "=" * len(title), "",
             "..", "   Built by scripts/readme.py from the readme/ fragments.", "",
             manifest.get("summary", ""), ""]
    for fragment, heading in SECTIONS:
        path = os.path.join(base, "readme", fragment + ".rst")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                parts += [heading, "=" * len(heading), "", handle.read().strip(), ""]
    parts += ["Credits", "=======", "",
              "%s. License %s." % (manifest["author"], manifest["license"]), ""]
    with open(os.path.join(base, "README.rst"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(parts))


def main():
    addons = sys.argv[1:] or sorted(
        name for name in os.listdir(os.path.join(ROOT, "addons"))
        if os.path.exists(os.path.join(ROOT, "addons", name, "__manifest__.py")))
    for addon in addons:
        build(addon)


if __name__ == "__main__":
    main()
