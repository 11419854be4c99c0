"""Words the generator draws from: tables, groups, channels, people, times, synonyms."""

# Record-trigger tables: label, plural, identity field, person field (or '').
TABLES = {
    "incident": ("incident", "incidents", "number", "caller_id"),
    "change_request": ("change request", "change requests", "number", "requested_by"),
    "problem": ("problem", "problems", "number", ""),
    "sc_req_item": ("requested item", "requested items", "number", "requested_for"),
    "sc_task": ("catalog task", "catalog tasks", "number", ""),
    "incident_task": ("incident task", "incident tasks", "number", ""),
    "change_task": ("change task", "change tasks", "number", ""),
    "problem_task": ("problem task", "problem tasks", "number", ""),
    "sc_request": ("request", "requests", "number", "requested_for"),
    "sn_hr_core_case": ("HR case", "HR cases", "number", "opened_for"),
    "kb_knowledge": ("knowledge article", "knowledge articles", "number", "author"),
    "sys_user": ("user", "users", "name", ""),
    "alm_asset": ("asset", "assets", "asset_tag", "assigned_to"),
    "cmdb_ci_server": ("server", "servers", "name", ""),
}
TASK_TABLES = [t for t in TABLES if t not in ("kb_knowledge", "sys_user", "alm_asset", "cmdb_ci_server")]
TABLE_WEIGHTS = {
    "incident": 10,
    "change_request": 4,
    "problem": 2,
    "sc_req_item": 3,
    "sc_task": 2,
    "incident_task": 1,
    "change_task": 1,
    "problem_task": 1,
    "sc_request": 1,
    "sn_hr_core_case": 2,
    "kb_knowledge": 1,
    "sys_user": 2,
    "alm_asset": 1,
    "cmdb_ci_server": 1,
}

GROUPS = [
    "Service Desk",
    "Network",
    "Database",
    "Hardware",
    "Software",
    "IT Security",
    "Change Management",
    "HR Operations",
    "Facilities",
    "Linux Admins",
    "Windows Server",
    "Application Support",
    "Storage",
    "Cloud Ops",
    "Identity",
    "Field Services",
]
SLACK_CHANNELS = [
    "#it-ops",
    "#major-incidents",
    "#service-desk",
    "#alerts",
    "#change-mgmt",
    "#hr-ops",
    "#security",
    "#db-team",
    "#network",
    "#on-call",
    "#cab",
    "#helpdesk",
    "#noc",
    "#sre",
]
TEAMS = ["IT Operations", "Service Desk", "Security", "Infrastructure", "HR", "Change Board", "NOC", "Support"]
TEAMS_CHANNELS = ["General", "Alerts", "Incidents", "Changes", "Escalations", "Approvals"]
PEOPLE = [
    "alice.chen",
    "bob.smith",
    "carla.diaz",
    "dev.patel",
    "emma.jones",
    "farid.khan",
    "grace.lee",
    "hugo.martin",
    "ivy.nguyen",
    "jack.brown",
    "kim.park",
    "liam.oconnor",
    "mia.rossi",
    "noah.weber",
]
MAILBOXES = ["it-ops", "servicedesk", "security", "cab", "hr-team", "noc", "itsm-admins", "facilities"]
DOMAIN = "example.com"
PHONES = ["+15551234567", "+15559876543", "+442071234567", "+15550001111", "+61255501234"]
JIRA_PROJECTS = ["OPS", "ITSM", "SEC", "DEV", "NET", "INFRA", "HR", "WEB"]
REPOS = ["acme/infra", "acme/portal", "acme/mobile-app", "acme/api", "acme/platform", "acme/website"]
PD_SERVICES = ["PX1A2B3", "PQ7Z9K1", "PDB4C5D", "P8M2N6T", "PSRE001"]
URLS = [
    "https://api.example.com/hooks/incident",
    "https://hooks.example.com/flow",
    "https://ops.example.com/api/events",
    "https://status.example.com/api/update",
    "https://cmdb.example.com/sync",
]
CATALOG_ITEMS = [
    "New Laptop",
    "Software License",
    "VPN Access",
    "New Mobile Phone",
    "Office Move",
    "Password Reset",
    "Shared Mailbox",
    "Database Access",
    "Monitor Request",
    "Guest WiFi",
]
SLA_DEFS = ["P1 resolution", "P2 resolution", "P1 response", "Change approval", "Request fulfilment"]
NOTIFICATIONS = [
    "P1 Alert",
    "Incident Assigned",
    "Approval Reminder",
    "SLA Warning",
    "Request Fulfilled",
    "Change Scheduled",
    "Case Update",
]
EVENTS = ["incident.escalated", "change.approved", "sla.warning", "request.completed", "user.offboarded"]
TEMPLATES = ["Incident Report", "Change Summary", "Offer Letter", "Access Form", "Handover Note"]
ZOOM_TOPICS = ["Major incident bridge", "CAB review", "Outage call", "War room"]
EMAIL_WORDS = ["outage", "urgent", "password", "invoice", "access request", "down", "VPN", "laptop"]
KEYWORDS = ["password", "outage", "VPN", "printer", "email", "laptop", "database", "network", "login", "server"]

# (spoken, HH:MM:SS)
TIMES = [
    ("9am", "09:00:00"),
    ("9:00", "09:00:00"),
    ("8am", "08:00:00"),
    ("8:30am", "08:30:00"),
    ("noon", "12:00:00"),
    ("6pm", "18:00:00"),
    ("17:45", "17:45:00"),
    ("midnight", "00:00:00"),
    ("7am", "07:00:00"),
    ("10:15", "10:15:00"),
    ("11pm", "23:00:00"),
    ("2pm", "14:00:00"),
    ("6:30am", "06:30:00"),
    ("4pm", "16:00:00"),
]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# (spoken, duration)
DURATIONS = [
    ("30 minutes", "00:30:00"),
    ("1 hour", "01:00:00"),
    ("2 hours", "02:00:00"),
    ("15 minutes", "00:15:00"),
    ("4 hours", "04:00:00"),
    ("1 day", "1d 00:00:00"),
    ("2 days", "2d 00:00:00"),
    ("10 minutes", "00:10:00"),
    ("8 hours", "08:00:00"),
    ("3 days", "3d 00:00:00"),
    ("45 minutes", "00:45:00"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

PRIORITY_WORDS = {"1": "critical", "2": "high priority", "3": "moderate", "4": "low priority"}
INCIDENT_STATES = {"2": "in progress", "3": "on hold", "6": "resolved", "7": "closed"}
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 15: "15th", 28: "28th", 10: "10th", 5: "5th", 20: "20th"}

# Synonyms in requests.
LOOK_UP = ["look up", "find", "get", "fetch"]
EMAIL_VERB = ["email {who}", "send an email to {who}", "mail {who}", "send a mail to {who}", "notify {who} by email"]
THEN = [", then ", " and then ", " and ", ", "]
WHEN = ["when", "whenever", "as soon as", "once", "each time"]
TYPO_WORDS = [
    "when",
    "whenever",
    "then",
    "also",
    "message",
    "send",
    "notify",
    "created",
    "record",
    "every",
    "after",
    "approval",
    "manager",
    "please",
    "email",
    "update",
    "assignment",
    "channel",
]
