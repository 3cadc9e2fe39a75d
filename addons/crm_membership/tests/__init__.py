# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_logic
from . import test_membership
from . import test_points
from . import test_fees
from . import test_enrolment
from . import test_tiers
from . import test_concurrency
from . import test_security
from . import test_reports
from . import test_roles
from . import test_expiry_sql
