# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posts of the public form, counted in the database for the rate limit."""
import zlib

from odoo import api, fields, models

# Advisory lock namespace: the posts of one address are counted one at a time.
_LOCK_KEY = 7260512

WEB_POST_OUTCOMES = [
    ("accepted", "Accepted"),
    ("invalid", "Invalid"),
    ("refused", "Refused (too many posts)"),
]

# Posts of the last ten minutes from the client address (all of them) and the
# accepted ones with the email address (anyone can type someone else's address:
# refused or invalid posts must not lock its owner out).
_COUNT_SQL = """
SELECT count(*) FILTER (WHERE remote_addr = %(addr)s),
       count(*) FILTER (WHERE email = %(email)s AND outcome = 'accepted')
  FROM crm_service_web_post
 WHERE create_date > (now() at time zone 'UTC') - interval '10 minutes'
   AND (remote_addr = %(addr)s OR email = %(email)s)
"""


def _lock_id(kind, value):
    """A signed 32-bit advisory lock id for one address (the same in every
    worker process, unlike Python's hash())."""
    crc = zlib.crc32(("%s:%s" % (kind, value)).encode("utf-8"))
    return crc - 2 ** 32 if crc >= 2 ** 31 else crc


class CrmServiceWebPost(models.Model):
    _name = "crm.service.web.post"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Web Form Post"
    _order = "id desc"
    # customer data: exports guarded by crm_lifecycle
    _crm_customer_data = True

    remote_addr = fields.Char(
        string="Client Address",
        required=True,
        index=True,
        readonly=True,
        help="The IP address the post came from.",
    )
    email = fields.Char(
        index=True,
        readonly=True,
        help="The email address given in the post (lower case).",
    )
    outcome = fields.Selection(
        selection=WEB_POST_OUTCOMES,
        required=True,
        readonly=True,
    )

    @api.model
    def _normalize_email(self, email):
        email = (email if isinstance(email, str) else "").strip().lower()
        return email[:254] or False

    @api.model
    def _record_post(self, remote_addr, email, invalid, limit):
        """Record one post of the form and return it: ``refused`` when its client
        address already posted ``limit`` times within ten minutes (every post
        counts: accepted, invalid or refused) or its email address was accepted
        ``limit`` times, else ``invalid`` or ``accepted``. ``limit`` 0 refuses
        nothing.

        The count and the insertion run under advisory locks on both addresses,
        so two posts of one address wait for each other. To see the posts of
        every worker, run it on a cursor in autocommit mode:
        ``_record_post_own_transaction`` does.
        """
        email = self._normalize_email(email)
        cr = self.env.cr
        locks = sorted({_lock_id("addr", remote_addr)}
                       | ({_lock_id("email", email)} if email else set()))
        for lock in locks:
            cr.execute("SELECT pg_advisory_lock(%s, %s)", (_LOCK_KEY, lock))
        try:
            cr.execute(_COUNT_SQL, {"addr": remote_addr, "email": email or None})
            by_addr, by_email = cr.fetchone()
            if limit and max(by_addr, by_email) >= limit:
                outcome = "refused"
            else:
                outcome = "invalid" if invalid else "accepted"
            return self.create({
                "remote_addr": remote_addr,
                "email": email,
                "outcome": outcome,
            })
        finally:
            for lock in reversed(locks):
                cr.execute("SELECT pg_advisory_unlock(%s, %s)", (_LOCK_KEY, lock))

    @api.model
    def _record_post_own_transaction(self, remote_addr, email, invalid, limit):
        """``_record_post`` in a transaction of its own, committed statement by
        statement (autocommit), and return ``(post id, outcome)``.

        The request's transaction would not do: Odoo runs it in REPEATABLE READ,
        so a count in it misses the posts other workers committed after it began,
        even after waiting for their lock; and a post must stay counted whatever
        happens to the request it carries.
        """
        with self.pool.cursor() as cr:
            cr.autocommit(True)
            post = self.with_env(self.env(cr=cr))._record_post(
                remote_addr, email, invalid, limit)
            return post.id, post.outcome

    @api.model
    def _mark_invalid_own_transaction(self, post_id):
        """Record as invalid the accepted post whose request could not be created
        after all (so it does not count for its email address), in a transaction
        of its own: the request's is rolled back."""
        with self.pool.cursor() as cr:
            cr.autocommit(True)
            cr.execute(
                "UPDATE crm_service_web_post SET outcome = 'invalid' "
                "WHERE id = %s AND outcome = 'accepted'", (post_id,))

    @api.model
    def _cron_purge(self):
        self.env.cr.execute(
            "DELETE FROM crm_service_web_post WHERE create_date < "
            "(now() at time zone 'UTC') - interval '1 day'")
