# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_membership_club
from . import crm_membership_club_auto
from . import crm_membership_club_liability
from . import crm_membership_point_value
from . import crm_membership_tier
from . import crm_membership_point_rule
from . import crm_membership
from . import crm_membership_actions
from . import crm_membership_fee
from . import crm_membership_portal
from . import crm_membership_cron
from . import crm_membership_points
from . import crm_membership_points_expiry
from . import crm_membership_points_liability
from . import crm_membership_points_return
from . import crm_membership_points_allocation
from . import crm_membership_ops
from . import crm_membership_tier_history
from . import crm_membership_benefit_usage
from . import membership_line
from . import account_invoice
from . import res_partner
from . import sale_order
