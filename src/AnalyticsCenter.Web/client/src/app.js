// The web tab's entry: the header (menu, time zone), then the page the server named in <body data-page>.
import { workspaceStatus } from './lib/api.js';
import { setUpEmbed } from './lib/embed.js';
import { h, problem, replace } from './lib/dom.js';
import { freshnessText } from './lib/freshness.js';
import { choice, choices, choose, setWorkspaceZone } from './lib/timezone.js';
import * as overview from './pages/overview.js';
import * as tables from './pages/tables.js';
import * as sql from './pages/sql.js';
import * as reports from './pages/reports.js';
import * as report from './pages/report.js';
import * as settings from './pages/settings.js';
import * as team from './pages/team.js';
import * as uploads from './pages/uploads.js';
import * as alerts from './pages/alerts.js';
import * as audit from './pages/audit.js';

const pages = { overview, tables, sql, reports, report, settings, team, uploads, alerts, audit };
const roles = ['viewer', 'analyst', 'admin'];

function setUpMenu() {
  const toggle = document.querySelector('.nav-toggle');
  const nav = document.getElementById('nav');
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  const current = document.body.dataset.page === 'report' ? 'reports' : document.body.dataset.page;
  nav.querySelector(`[data-nav="${current}"]`)?.setAttribute('aria-current', 'page');
  // The server refuses what the role may not do; the menu just does not offer it.
  const role = roles.indexOf(document.body.dataset.role);
  for (const link of nav.querySelectorAll('[data-role]')) {
    if (roles.indexOf(link.dataset.role) > role) link.remove();
  }
}

function setUpTimeZone() {
  const select = document.getElementById('time-zone');
  const { named, all } = choices();
  replace(select,
    named.map((zone) => h('option', { value: zone.value }, zone.label)),
    h('optgroup', { label: 'Other zones' }, all.map((zone) => h('option', { value: zone }, zone))));
  select.value = choice();
  select.addEventListener('change', () => {
    choose(select.value);
    window.location.reload();
  });
}

/** The data's freshness in the top bar, on every page: "Refreshed 2 minutes ago, as of 20 Nov 2026, 14:03 UTC". */
function showFreshness(status) {
  const account = document.querySelector('.account');
  account?.prepend(h('span', { class: 'topbar-freshness', title: 'When the data was last refreshed' }, freshnessText(status)));
}

async function start() {
  setUpEmbed();
  setUpMenu();
  const main = document.getElementById('main');
  try {
    const status = await workspaceStatus();
    setWorkspaceZone(status.time_zone);
    setUpTimeZone();
    showFreshness(status);
    await pages[document.body.dataset.page].render(main, status);
  } catch (error) {
    replace(main, problem(error));
  }
}

start();
