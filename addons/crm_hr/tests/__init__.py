# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_logic
from . import test_handover
from . import test_personnel
from . import test_security
from . import test_target
from . import test_translation
