# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_membership_analysis
from . import crm_membership_movement_report
from . import crm_membership_points_report
from . import crm_membership_revenue_report
