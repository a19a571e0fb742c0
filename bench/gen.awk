# gen.awk — writes a large organisation as the four import CSVs into directory DIR:
#   awk -v DIR=out -v ASSETS=100000 -f gen.awk
# 500 departments under one root, 3 people and 3 duties each, ASSETS assets in varied MLPS
# states. Deterministic (no random source), so every run measures the same data.
BEGIN {
	if (!ASSETS) ASSETS = 100000
	nunits = 500
	u = DIR "/units.csv"; p = DIR "/people.csv"; d = DIR "/duties.csv"; a = DIR "/assets.csv"
	print "code,name,parent,kind" > u
	print "ROOT,中共示例大学委员会,,party_committee" > u
	print "code,name,unit,title" > p
	print "person,role,unit,asset,from,to" > d
	print "P0,书记,ROOT,党委书记" > p
	print "P1,副校长,ROOT,副校长" > p
	print "P0,first_responsible,ROOT,,2020-01-01," > d
	print "P1,direct_responsible,ROOT,,2020-01-01," > d
	for (i = 1; i <= nunits; i++) {
		printf "U%04d,第%d学院,ROOT,department\n", i, i > u
		printf "P%d_1,书记%d,U%04d,书记\nP%d_2,副院长%d,U%04d,副院长\nP%d_3,安全员%d,U%04d,网络安全员\n", i, i, i, i, i, i, i, i, i > p
		printf "P%d_1,first_responsible,U%04d,,2021-01-01,\n", i, i > d
		if (i % 50) printf "P%d_2,direct_responsible,U%04d,,2021-01-01,\n", i, i > d
		if (i % 7) printf "P%d_3,security_officer,U%04d,,2022-03-01,\n", i, i > d
	}
	print "code,name,kind,url,manager_unit,operator_unit,mlps_level,graded_on,filed_on,assessed_on,status" > a
	for (i = 1; i <= ASSETS; i++) {
		unit = sprintf("U%04d", i % nunits + 1)
		lvl = i % 10 < 5 ? 0 : i % 10 < 8 ? 2 : 3
		graded = lvl ? sprintf("20%02d-%02d-15", 18 + i % 8, i % 12 + 1) : ""
		filed = lvl && i % 13 ? sprintf("20%02d-%02d-28", 18 + i % 8, i % 12 + 1) : ""
		assessed = lvl == 3 && i % 4 ? sprintf("2026-%02d-01", i % 11 + 1) : ""
		mgr = i % 997 ? unit : ""
		printf "A%06d,系统%d,info_system,https://s%d.example.edu.cn,%s,XX,%d,%s,%s,%s,live\n",
			i, i, i, mgr, lvl, graded, filed, assessed > a
	}
	print "XX,信息中心,ROOT,tech_support_centre" > u
}
