# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import base
from . import crm_input_validation
from . import crm_lifecycle_stage
from . import crm_lifecycle_history
from . import crm_lifecycle_profile
from . import crm_lifecycle_profile_analysis
from . import crm_lifecycle_loyalty
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_partner_confidential
from . import res_partner_access_tracking
from . import res_users
from . import ir_rule
from . import crm_access_log
from . import crm_customer_access
from . import sale_order
from . import crm_customer_data
from . import crm_lifecycle_snapshot
from . import crm_lifecycle_product_rule
from . import crm_lifecycle_suggestion
from . import res_partner_suggestion
