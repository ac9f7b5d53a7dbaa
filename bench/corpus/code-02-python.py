import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Inventory:
    items: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int = 1) -> None:
        if count <= 0:
            raise ValueError(f"count must be positive, got {count}")
        self.items[name] = self.items.get(name, 0) + count

    def remove(self, name: str, count: int = 1) -> bool:
        have = self.items.get(name, 0)
        if have < count:
            return False
        if have == count:
            del self.items[name]
        else:
            self.items[name] = have - count
        return True

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.items, indent=2, sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> "Inventory":
        return cls(json.loads(path.read_text()))
