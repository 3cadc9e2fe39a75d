from . import test_campaign
from . import test_audience
from . import test_channels
from . import test_results
from . import test_competitors
from . import test_tracked_link
from . import test_roles
from . import test_logic
