# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_access_log
from . import crm_membership
from . import hr_employee
from . import hr_employee_portfolio
from . import hr_contract
from . import crm_hr_employee_record_mixin
from . import crm_hr_period_mixin
from . import crm_hr_education
from . import crm_hr_employment
from . import crm_hr_certification
from . import crm_hr_training
from . import crm_hr_appraisal_criterion
from . import crm_hr_appraisal
from . import crm_hr_appraisal_line
from . import crm_hr_reward
from . import crm_hr_disciplinary
from . import crm_hr_handover
from . import crm_hr_handover_line
from . import crm_hr_target
