// Reads an .ics file with Mozilla's ical.js (the parser of Thunderbird) and prints each
// event as {uid, start, end}: UTC instants for timed events, YYYY-MM-DD for all-day ones.
// Usage: node ical_instants.cjs FOLDER_WITH_NODE_MODULES FILE.ics
const path = require("node:path");
const fs = require("node:fs");
const { createRequire } = require("node:module");
const ICAL = createRequire(path.join(path.resolve(process.argv[2]), "x.js"))("ical.js");
const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[3], "utf8")));
for (const vtz of comp.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
}
const shown = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
const out = comp.getAllSubcomponents("vevent").map((ve) => {
  const ev = new ICAL.Event(ve);
  return { uid: ev.uid, start: shown(ev.startDate), end: shown(ev.endDate),
           status: ve.getFirstPropertyValue("status") };
});
process.stdout.write(JSON.stringify(out));
