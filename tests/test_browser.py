# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite in a real browser: Debian's Chromium, headless, driven by Selenium.

An Odoo server runs on a copy of the suite's database; for each addon a user holding
that addon's own groups (and a sales manager's, never the administrator) logs in,
opens every menu of the addon and every view type its action offers. Any error
dialog of the web client, any JavaScript console error fails the test; a screenshot
of the failing screen is kept in var/log/browser/. The same run writes screenshots
of the main screens in English and in Chinese into docs/screenshots/ (the README
shows them).
"""
import os
import re
import shutil
import time

import pytest

from crmsuite_testing import (
    RESULT_MARK, ROOT, Server, assert_clean_log, copy_template, db_name, run_script,
    suite, suite_manifest,
)

webdriver = pytest.importorskip("selenium.webdriver")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = os.path.join(ROOT, "docs", "screenshots")
FAILURES = os.path.join(suite.LOG_DIR, "browser")
ADDONS = suite.suite_addons()
LANGS = ("en_US", "zh_CN")

# The main screens: (file name, addon, action xmlid, view type, record xmlid or None)
SCREENS = [
    ("lifecycle_kanban", "crm_lifecycle", "crm_lifecycle.res_partner_lifecycle_action",
     "kanban", None),
    ("customer_analysis_graph", "crm_lifecycle",
     "crm_lifecycle.crm_lifecycle_profile_action", "graph", None),
    ("service_kanban", "crm_service", "crm_service.crm_service_request_action",
     "kanban", None),
    ("campaign_roi", "crm_marketing", "crm_marketing.crm_marketing_analysis_action",
     "graph", None),
    ("membership_card", "crm_membership", "crm_membership.crm_membership_action",
     "form", "crm_membership.membership_loyalty_active_demo"),
    ("employee_portfolio", "crm_hr", None, None, None),
]

SEED = '''
import json
env["base.language.install"].create({"lang": "zh_CN"}).lang_install()
Users = env["res.users"].with_context(no_reset_password=True)
users = {}
for addon in %(addons)r:
    groups = env["ir.model.data"].search([("module", "=", addon),
                                          ("model", "=", "res.groups")])
    ids = [env.ref("base.group_user").id, env.ref("sales_team.group_sale_manager").id]
    ids += groups.mapped("res_id")
    for lang in %(langs)r:
        login = "web_%%s_%%s" %% (addon, lang)
        users[login] = Users.create({
            "name": "%%s (%%s)" %% (addon, lang), "login": login,
            "password": login + "-pw", "lang": lang,
            "groups_id": [(6, 0, ids)],
        }).id
menus = {}
for addon in %(addons)r:
    data = env["ir.model.data"].search([("module", "=", addon),
                                        ("model", "=", "ir.ui.menu")])
    menus[addon] = []
    for menu in env["ir.ui.menu"].browse(data.mapped("res_id")):
        if not menu.action:
            continue
        action = menu.action
        modes = (action.view_mode or "").split(",") if action._name == \\
            "ir.actions.act_window" else [None]
        menus[addon].append({"menu": menu.id, "name": menu.complete_name,
                             "action": action.id, "model": action._name,
                             "res_model": getattr(action, "res_model", None),
                             "modes": [m and m.strip() for m in modes
                                       if m is None or m.strip()]})
screens = {}
for name, addon, action, view_type, record in %(screens)r:
    if action and env.ref(action, raise_if_not_found=False):
        screens[name] = {"action": env.ref(action).id,
                         "record": env.ref(record).id if record else None}
env.cr.commit()
print(%(mark)r + json.dumps({"users": users, "menus": menus, "screens": screens}))
'''

# the view is rendered and the web client's loading indicator (which counts the
# pending calls, not the long-polling one) is hidden
PAGE_READY = """
var content = document.querySelector('.o_content');
var loading = document.querySelector('.o_loading');
return !!(content && content.children.length
          && (!loading || loading.offsetParent === null));
"""
ERRORS = ".o_dialog_warning, .o_dialog_error, .o_error_detail"
# Odoo 11's kanban_image() for an empty many2one (a card without salesperson or
# agent) asks /web/image for no id and gets a 404, in Odoo's own kanban views too
# (crm.lead): the web client shows its placeholder. Not counted as an error.
EMPTY_AVATAR = re.compile(r"/web/image\?model=res\.users&field=image_small&id=&")


@pytest.fixture(scope="module")
def web(request, installed_suite):
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("Chromium or its driver is missing: scripts/env.sh installs "
                    "the Debian packages chromium and chromium-driver")
    db = db_name(request.config, "browser")
    copy_template(db, installed_suite[0])
    request.addfinalizer(lambda: suite.dropdb(db))
    seed, _log = run_script(db, SEED % {
        "addons": ADDONS, "langs": LANGS, "screens": SCREENS, "mark": RESULT_MARK},
        db + "-seed.log")
    with Server(db, ["--workers=0", "--max-cron-threads=0"]) as server:
        yield dict(seed, url=server.url, db=db, log=server.log)


class Browser:
    """One headless Chromium logged in as one user."""

    def __init__(self, url, login):
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.common.desired_capabilities import DesiredCapabilities
        self.url = url
        self.profile = os.path.join(suite.LOG_DIR, "chromium-%s" % login)
        shutil.rmtree(self.profile, ignore_errors=True)
        options = Options()
        options.binary_location = CHROMIUM
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1440,900", "--user-data-dir=" + self.profile):
            options.add_argument(arg)
        capabilities = DesiredCapabilities.CHROME.copy()
        capabilities["goog:loggingPrefs"] = {"browser": "ALL"}
        self.driver = webdriver.Chrome(executable_path=CHROMEDRIVER, options=options,
                                       desired_capabilities=capabilities)
        self.driver.set_page_load_timeout(120)
        self.driver.get(url + "/web/login")
        self.driver.find_element_by_name("login").send_keys(login)
        self.driver.find_element_by_name("password").send_keys(login + "-pw")
        self.driver.find_element_by_css_selector("form button[type=submit]").click()
        self.wait("return !!document.querySelector('.o_main_navbar, .o_web_client');")
        assert "/web/login" not in self.driver.current_url, "login %s refused" % login

    def wait(self, script, timeout=60):
        deadline = time.time() + timeout
        while not self.driver.execute_script(script):
            if time.time() > deadline:
                return False
            time.sleep(0.25)
        return True

    def open(self, fragment):
        """Open ``/web#<fragment>``; return the problems seen on the page."""
        self.driver.get(self.url + "/web#" + fragment)
        self.driver.refresh()  # a new hash alone does not reload the client
        return self.check()

    def check(self):
        """Wait for the view; return error dialogs and console errors seen."""
        ready = self.wait(PAGE_READY)
        time.sleep(0.5)  # late renderers (graphs, kanban columns)
        problems = []
        if not ready:
            problems.append("the view did not finish loading")
        for dialog in self.driver.find_elements_by_css_selector(ERRORS):
            problems.append("error dialog: %s" % dialog.text[:500])
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE" and not EMPTY_AVATAR.search(entry["message"]):
                problems.append("console: %s" % entry["message"][:500])
        return problems

    def shot(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.driver.save_screenshot(path)

    def quit(self):
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.mark.parametrize("addon", ADDONS)
def test_every_menu_and_view_type(web, addon):
    """The addon's user opens each of its menus in each view type without error."""
    menus = web["menus"][addon]
    if not menus and suite_manifest(addon).get("auto_install"):
        pytest.skip("%s is glue between two addons, with no menu of its own" % addon)
    assert menus, "%s has no menu with an action" % addon
    browser = Browser(web["url"], "web_%s_en_US" % addon)
    problems = []
    opened = 0
    try:
        for menu in menus:
            for mode in menu["modes"]:
                fragment = "action=%d&menu_id=%d" % (menu["action"], menu["menu"])
                if mode:
                    if mode == "form":
                        continue  # forms: opened from the list below, on a record
                    # the web client calls the list view "list", actions "tree"
                    fragment += "&view_type=" + ("list" if mode == "tree" else mode)
                found = browser.open(fragment)
                opened += 1
                rows = browser.driver.find_elements_by_css_selector(".o_data_row")
                if mode == "tree" and rows and "form" in menu["modes"]:
                    rows[0].click()  # the form, on the first record of the list
                    found += browser.check()
                if found:
                    name = "%s-%s-%s" % (addon, menu["menu"], mode)
                    browser.shot(os.path.join(FAILURES, name + ".png"))
                    problems.append("%s [%s]: %s" % (menu["name"], mode, found))
    finally:
        browser.quit()
    assert opened
    assert not problems, "\n".join(problems)


def test_screenshots_of_main_screens(web):
    """docs/screenshots/<screen>.<lang>.png for each main screen whose addon is
    installed, as that addon's user, in English and in Chinese."""
    written = []
    problems = []
    for name, addon, _action, view_type, _record in SCREENS:
        screen = web["screens"].get(name)
        if not screen:
            continue
        for lang in LANGS:
            browser = Browser(web["url"], "web_%s_%s" % (addon, lang))
            try:
                fragment = "action=%d&view_type=%s" % (screen["action"], view_type)
                if screen["record"]:
                    fragment += "&id=%d" % screen["record"]
                found = browser.open(fragment)
                path = os.path.join(SHOTS, "%s.%s.png" % (name, lang))
                browser.shot(path)
                written.append(path)
                if found:
                    problems.append("%s (%s): %s" % (name, lang, found))
            finally:
                browser.quit()
    assert written
    assert not problems, "\n".join(problems)
    assert_clean_log(web["log"])
