"""Every table of the product, for Alembic's `env.py` and the schema tests.

Each feature defines its tables in its own `models.py` on the one `core.db.Base`; importing
this index puts all of them on `Base.metadata`. Only Alembic and the tests import it (the
app imports it too, so that string foreign keys between features resolve at start).
"""

# ruff: noqa: F401
from server.accounts import models as accounts
from server.chat import models as chat
from server.contests import models as contests
from server.core.db import Base
from server.displays import models as displays
from server.experiments import models as experiments
from server.fantasy import models as fantasy
from server.habits import models as habits
from server.insights import models as insights
from server.integrations import models as integrations
from server.job_leases import JobLease
from server.ledger import models as ledger
from server.levels import models as levels
from server.notifications import models as notifications
from server.privacy import models as privacy
from server.rewards import models as rewards
from server.social import models as social
from server.targets import models as targets

metadata = Base.metadata
