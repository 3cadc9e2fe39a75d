# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_lifecycle_stage
from . import crm_lifecycle_history
from . import crm_lifecycle_profile
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
