# work.awk — the daily work of the organisation bench/org.awk wrote, as SQL for the sqlite3 shell,
# for bench/work: notices (通报) with their systems, some steps of their closed loop and a
# 举一反三 list, incidents with their systems and a timeline the engine folds, and records of
# meetings, drills, training … of the register's units. Reads DIR/units.csv and DIR/assets.csv,
# writes DIR/work.sql (one transaction):
#   awk -v DIR=out -v ASSETS=100000 -v NOTICES=1000 -v INCIDENTS=500 -v RECORDS=10000 \
#       -v SIMILAR=200 [-v RECORDS_UNIT=D01] -f work.awk
# Rows are written the way the product writes them (src/store/sqlite.c: store_notice_add,
# store_record_add, the incident and event inserts; values as `cyberduty notice|incident|record`
# store them: times RFC 3339 CST, an incident's class as its code, a grade as its code).
# References go by code through subqueries, so the SQL does not depend on the ids the import
# gave. Deterministic (a fixed-seed Lehmer generator), so every run measures the same data.
#
# The 举一反三 list is what notice_similar (src/core/notice.c) would find — systems not retired,
# of the same kind or running the same software as the notice's first system, same operator
# counting as a third reason — capped at SIMILAR (200) per notice, strongest first, the way the
# rewrite keeps it (NOTICE_SIMILAR_MAX in src/store/store_work.h). It is drawn from the first
# SIMILAR systems of each (kind, operator, software), (kind, software), (kind, operator) and
# (kind) group in register order: the strongest reasons, not always the lowest ids.
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function q(s) { gsub(/'/, "''", s); return "'" s "'" }
function aid(code) { return "(SELECT id FROM asset WHERE code = '" code "')" }
function uid(code) { return code == "" ? "NULL" : "(SELECT id FROM unit WHERE code = '" code "')" }
function pid(code) { return "(SELECT id FROM person WHERE code = '" code "')" }
# t(d, h, m) — 2026-MM-DD HH:MM in CST for day number d (1..300, months of 28 days kept simple)
function t(d, h, m) {
	return sprintf("2026-%02d-%02dT%02d:%02d:00+08:00", int((d - 1) / 28) + 1, (d - 1) % 28 + 1, h, m)
}
function dayof(d) { return sprintf("2026-%02d-%02d", int((d - 1) / 28) + 1, (d - 1) % 28 + 1) }
function add(key, v) { if (cnt[key] < SIMILAR) grp[key, ++cnt[key]] = v }
# similar(n, main) — the 举一反三 rows of notice n whose first system is asset index main
function similar(n, m,    g, k, j, c, why, key, got) {
	split("", seen)
	for (j in own) seen[own[j]] = 1
	got = 0
	for (g = 1; g <= 4 && got < SIMILAR; g++) {
		if (g == 1) key = "3" SUBSEP akind[m] SUBSEP aop[m] SUBSEP asw[m]
		else if (g == 2) key = "2" SUBSEP akind[m] SUBSEP asw[m]
		else if (g == 3) key = "1" SUBSEP akind[m] SUBSEP aop[m]
		else key = "0" SUBSEP akind[m]
		for (k = 1; k <= cnt[key] && got < SIMILAR; k++) {
			split(grp[key, k], c, SUBSEP) # code, operator, software
			if (c[1] in seen) continue
			seen[c[1]] = 1
			why = 1
			if (c[2] != "" && c[2] == aop[m]) why += 2
			if (c[3] != "" && c[3] == asw[m]) why += 4
			printf "INSERT INTO notice_similar (notice_id, asset_id, why) VALUES (%s, %s, %d);\n",
				nid(n), aid(c[1]), why > OUT
			got++
		}
	}
	similar_rows += got
}
function nid(n) { return "(SELECT id FROM notice WHERE code = '" ncode[n] "')" }
function iid(n) { return "(SELECT id FROM incident WHERE code = '" icode[n] "')" }
function nevent(n, kind, at, note) {
	printf "INSERT INTO notice_event (notice_id, kind, at, by_whom, note) VALUES (%s, '%s', '%s', %s, %s);\n",
		nid(n), kind, at, q("信息中心"), note == "" ? "NULL" : q(note) > OUT
	nevents++
}
function ievent(n, kind, at, name, value, note, person) {
	printf "INSERT INTO incident_event (incident_id, kind, at, recorded_at, by_whom, name, value, note, person_id) VALUES (%s, '%s', %s, '2026-11-20T12:00:00+08:00', %s, %s, %s, %s, %s);\n",
		iid(n), kind, at == "" ? "NULL" : "'" at "'", q("网信办"), name == "" ? "NULL" : q(name),
		value == "" ? "NULL" : q(value), note == "" ? "NULL" : q(note),
		person == "" ? "NULL" : pid(person) > OUT
	ievents++
}
BEGIN {
	if (!ASSETS) ASSETS = 100000
	if (NOTICES == "") NOTICES = 1000
	if (INCIDENTS == "") INCIDENTS = 500
	if (RECORDS == "") RECORDS = 10000
	if (!SIMILAR) SIMILAR = 200
	seed = 20261203
	OUT = DIR "/work.sql"
	FS = ","
	# the systems notices and incidents concern: spread evenly over the register
	for (n = 1; n <= NOTICES; n++) want[int((n - 1) * ASSETS / NOTICES) + 1 + (n * 7) % 5] = 1
	for (n = 1; n <= INCIDENTS; n++) want[int((n - 1) * ASSETS / INCIDENTS) + 3 + (n * 3) % 7] = 1
	while ((getline line < (DIR "/units.csv")) > 0)
		if (++nu > 1) { split(line, f, ","); unit[nu - 1] = f[1] }
	nunits = nu - 1
	i = 0
	while ((getline line < (DIR "/assets.csv")) > 0) {
		if (i++ == 0) continue # the header
		split(line, f, ",")
		# code 1, kind 3, manager_unit 7, operator_unit 8, status 20, software 21
		if (f[20] != "retired") {
			v = f[1] SUBSEP f[8] SUBSEP f[21]
			add("3" SUBSEP f[3] SUBSEP f[8] SUBSEP f[21], v)
			if (f[21] != "") add("2" SUBSEP f[3] SUBSEP f[21], v)
			if (f[8] != "") add("1" SUBSEP f[3] SUBSEP f[8], v)
			add("0" SUBSEP f[3], v)
		}
		if ((i - 1) in want) {
			k = i - 1
			acode[k] = f[1]; akind[k] = f[3]; amgr[k] = f[7]; aop[k] = f[8]; asw[k] = f[21]
		}
	}
	nassets = i - 1
	if (nassets < 20) { print "work.awk: too few assets in " DIR "/assets.csv" > "/dev/stderr"; exit 1 }

	print "BEGIN;" > OUT
	# ---- notices: 1–3 systems, received over 2026, a fifth each at received, started,
	# rectified, feedback sent and verified; one in three with its own due date, one in seven
	# asked for support, one in eleven given more time (before any feedback)
	split("弱口令 SQL注入 越权访问 信息泄露 网页篡改 未授权访问 高危端口 组件漏洞", cat, " ")
	split("公安厅网安总队 自治区党委网信办 教育厅 市公安局网安支队", auth, " ")
	for (n = 1; n <= NOTICES; n++) {
		m = int((n - 1) * ASSETS / NOTICES) + 1 + (n * 7) % 5
		if (m > nassets) m = nassets
		ncode[n] = sprintf("TB-2026-%05d", n)
		d = 1 + (n * 37) % 280 # day of receipt
		due = n % 3 == 0 ? dayof(d + 15) : ""
		printf "INSERT INTO notice (code, authority, received_at, unit_id, category, text, attachment, stated_due) VALUES (%s, %s, '%s', %s, %s, %s, NULL, %s);\n",
			q(ncode[n]), q(auth[n % 4 + 1]), t(d, 9, 30), uid(amgr[m]), q(cat[n % 8 + 1]),
			q("经检测，" acode[m] " 存在" cat[n % 8 + 1] "问题，请于规定期限内完成整改并反馈。"),
			due == "" ? "NULL" : "'" due "'" > OUT
		split("", own)
		own[1] = acode[m]
		printf "INSERT INTO notice_asset (notice_id, asset_id) VALUES (%s, %s);\n", nid(n), aid(acode[m]) > OUT
		extra = n % 3 # up to two more systems, the ones next to it in the register
		for (j = 1; j <= extra && m + j <= nassets; j++) {
			c = sprintf("A%06d", m + j)
			own[j + 1] = c
			printf "INSERT INTO notice_asset (notice_id, asset_id) VALUES (%s, %s);\n", nid(n), aid(c) > OUT
			nassets_rows++
		}
		nassets_rows++
		similar(n, m)
		steps = n % 5 # 0 received … 4 verified
		if (n % 7 == 0 && steps < 3) nevent(n, "support", t(d, 10, 0), "请求技术支持")
		if (n % 11 == 0 && steps < 3) {
			printf "INSERT INTO notice_event (notice_id, kind, at, by_whom, note, extended_to) VALUES (%s, 'extend', '%s', %s, %s, '%s');\n",
				nid(n), t(d, 10, 30), q(auth[n % 4 + 1]), q("涉及系统升级，同意延期"), dayof(d + 25) > OUT
			nevents++
		}
		if (steps >= 1) nevent(n, "start", t(d + 1, 9, 0), "已组织整改")
		if (steps >= 2) nevent(n, "rectify", t(d + 3, 17, 0), "已修复并复测")
		if (steps >= 3) nevent(n, "feedback", t(d + 4, 10, 0), "已书面反馈")
		if (steps >= 4) nevent(n, "verify", t(d + 6, 15, 0), "核查通过")
	}

	# ---- incidents: 1–2 systems, detected over 2026; the timeline grows with the index mod 9:
	# when it began, its class, a measure, a fact with its evidence, a handling step, the person
	# involved, the grade confirmed, the initial report, the end of handling
	for (n = 1; n <= INCIDENTS; n++) {
		m = int((n - 1) * ASSETS / INCIDENTS) + 3 + (n * 3) % 7
		if (m > nassets) m = nassets
		icode[n] = sprintf("SJ-2026-%04d", n)
		d = 1 + (n * 53) % 280
		printf "INSERT INTO incident (code, title, unit_id, detected_at) VALUES (%s, %s, %s, '%s');\n",
			q(icode[n]), q(acode[m] " 遭受网络攻击"), uid(amgr[m]), t(d, 18, 0) > OUT
		printf "INSERT INTO incident_asset (incident_id, pos, asset_id) VALUES (%s, 0, %s);\n", iid(n), aid(acode[m]) > OUT
		if (n % 2 == 0 && m < nassets)
			printf "INSERT INTO incident_asset (incident_id, pos, asset_id) VALUES (%s, 1, %s);\n",
				iid(n), aid(sprintf("A%06d", m + 1)) > OUT
		k = n % 9
		if (k >= 1) ievent(n, "set", t(d, 18, 10), "occurred_at", t(d, 17, 30))
		if (k >= 2) ievent(n, "set", t(d, 18, 20), "class", "network_attack")
		if (k >= 3) ievent(n, "measure", t(d, 19, 0), "personal_info_people", 100 + n * 7)
		if (k >= 4) ievent(n, "fact", t(d, 19, 0), "tampered", "true", "页面截图")
		if (k >= 5) ievent(n, "step", t(d, 20, 0), "", "", "下线系统，修复漏洞")
		if (k >= 6) ievent(n, "person", t(d, 20, 0), "", "", "", (amgr[m] == "" ? "D01" : amgr[m]) "-1")
		if (k >= 7) ievent(n, "grade", t(d + 1, 9, 0), "", "general", "领导小组确认")
		if (k >= 8) {
			ievent(n, "report", t(d + 1, 10, 0), "initial", "自治区党委网信办")
			ievent(n, "close", t(d + 2, 18, 0), "", "", "恢复上线")
		}
		if (k < 8) open_incidents++
	}

	# ---- records: meetings, drills, training … of every unit, each kind with the profile duty
	# it answers (imnu-2022: drill, training, annual_goal, assessment) where there is one
	split("meeting drill training report plan assessment other", rk, " ")
	split("|drill|training||annual_goal|assessment|", rd, "|")
	split("网络安全工作会议 应急预案演练 网络安全培训 网络安全工作报告 年度网信工作要点 责任制检查考核 其他", rt, " ")
	for (n = 1; n <= RECORDS; n++) {
		k = n % 7 + 1
		u = unit[1 + rnd(nunits)]
		if (RECORDS_UNIT != "") u = RECORDS_UNIT # every record of one unit (bench/work BENCH_RECORDS_UNIT)
		y = 2021 + rnd(6)
		on = sprintf("%04d-%02d-%02d", y, 1 + rnd(y == 2026 ? 10 : 12), 1 + rnd(28))
		printf "INSERT INTO record (kind, unit_id, on_date, duty, period, title, participants, minutes, attachment) VALUES ('%s', %s, '%s', %s, '%d', %s, %s, %s, NULL);\n",
			rk[k], uid(u), on, rd[k] == "" ? "NULL" : "'" rd[k] "'", y,
			q(u " " y "年" rt[k] " 第" n "号"), q("本单位负责人、网络安全员等" (5 + n % 20) "人"),
			n % 3 ? "NULL" : q("会议研究部署了网络安全工作责任制落实、通报整改和应急处置等事项。") > OUT
	}
	# the counts of each 举一反三 list, which the store writes with the list (schema 0041)
	print "UPDATE notice SET similar_open = (SELECT count(*) FROM notice_similar s WHERE s.notice_id = notice.id AND s.checked_at IS NULL), similar_listed = (SELECT count(*) FROM notice_similar s WHERE s.notice_id = notice.id);" > OUT
	print "COMMIT;" > OUT
	close(OUT)
	printf "work.awk: %d notices (%d systems, %d steps, %d similar), %d incidents (%d events, %d open), %d records\n",
		NOTICES, nassets_rows, nevents, similar_rows, INCIDENTS, ievents, open_incidents, RECORDS > "/dev/stderr"
}
