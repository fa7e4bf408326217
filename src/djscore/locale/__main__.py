"""`python -m djscore.locale`: rewrite the compiled catalogue from CATALOGUE."""

from . import CATALOGUE, MO_FILE, mo_bytes

MO_FILE.parent.mkdir(parents=True, exist_ok=True)
MO_FILE.write_bytes(mo_bytes(CATALOGUE))
print(f"已写入 {MO_FILE}（{len(CATALOGUE)} 条）")
