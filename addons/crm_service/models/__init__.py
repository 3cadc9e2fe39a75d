# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_service_config
from . import crm_service_team
from . import crm_service_sla
from . import crm_service_answer
from . import crm_service_request
from . import crm_service_request_sla
from . import crm_service_request_escalation
from . import crm_service_request_mail
from . import crm_service_request_answer
from . import crm_service_request_survey
from . import crm_service_request_compensation
from . import crm_service_request_compensation_approval
from . import crm_service_web_post
from . import crm_service_request_web
from . import res_company
from . import crm_service_visit
from . import account_invoice
from . import sale_order_line
from . import survey_user_input
from . import res_partner
from . import crm_lifecycle_profile
