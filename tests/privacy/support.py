"""An org of seven reps with known points for the privacy tests.

name  team  points (this week)   rank
r1    A     70                    1
r2    A     60                    2
r3    A     50                    3
r4    A     40                    4   <- `me`, signed in
r5    B     30                    5
r6    B     20                    6
r7    B     10                    7
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import Api
from tests.support.boards import add_rep, batch, fresh_org

POINTS = {"r1": 70, "r2": 60, "r3": 50, "r4": 40, "r5": 30, "r6": 20, "r7": 10}


@dataclass
class Floor:
    admin: Api
    me: Api  # r4
    ids: dict[str, int]
    team_a: int
    team_b: int

    def name(self, user_id: int) -> str:
        return next(k for k, v in self.ids.items() if v == user_id)


async def sales_floor(client) -> Floor:
    admin = await fresh_org(client)
    team_a = (await admin.ok("post", "/teams", {"name": "A"}, status=201))["id"]
    team_b = (await admin.ok("post", "/teams", {"name": "B"}, status=201))["id"]
    ids = {name: await add_rep(admin, display_name=name, team_id=team_a if name <= "r4" else team_b)
           for name in POINTS if name != "r4"}
    me = await admin.user(display_name="r4", team_id=team_a)
    ids["r4"] = me.user_id
    await batch(admin, [{"type": "meeting_booked", "quantity": p // 10, "user_id": ids[n]} for n, p in POINTS.items()])
    return Floor(admin, me, ids, team_a, team_b)


def rows(floor: Floor, board: dict) -> list[tuple]:
    """(name, rank, score, tier) per entry, in board order."""
    return [(floor.name(e["user_id"]), e["rank"], e["score"], e.get("tier")) for e in board["entries"]]
