# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_stage_rules
from . import test_rfm
from . import test_recompute
