# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_marketing_channel
from . import crm_competitor
from . import crm_marketing_campaign
from . import crm_marketing_campaign_audience
from . import crm_marketing_campaign_channels
from . import crm_marketing_campaign_results
from . import crm_marketing_campaign_member
from . import crm_marketing_campaign_cost
from . import mail_mass_mailing
from . import mail_mass_mailing_contact
from . import mail_thread
from . import crm_lead
from . import sale_order
from . import res_partner
from . import event_event
from . import mail_activity
from . import account_invoice
from . import account_invoice_line
from . import account_move_line
