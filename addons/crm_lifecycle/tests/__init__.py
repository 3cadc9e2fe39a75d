# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_stage_rules
from . import test_rfm
from . import test_recompute
from . import test_forecast
from . import test_basket
from . import test_clv
from . import test_suggestions
from . import test_snapshot
from . import test_reports
from . import test_confidentiality
from . import test_input_validation
from . import test_query_count
from . import test_profit
from . import test_multi_company
from . import test_rfm_scores
from . import test_translation
from . import test_analysis_read_group
from . import test_roles
from . import test_risk
from . import test_roles_suite
from . import test_value_tier
