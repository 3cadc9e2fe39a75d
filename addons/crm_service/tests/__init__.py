# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_sla_logic
from . import test_sla
from . import test_sla_mass
from . import test_escalation
from . import test_mail_gateway
from . import test_web_form
from . import test_web_http
from . import test_visit_portal_http
from . import test_security
from . import test_answers
from . import test_answer_logic
from . import test_visits
from . import test_compensation
from . import test_satisfaction
from . import test_risk
from . import test_analysis
from . import test_input_validation
from . import test_xmlrpc
from . import test_web_verify_http
from . import test_first_response
from . import test_cancel
from . import test_intake
