# incidents-central.sh — incidents under central-2017 through `cyberduty eval` (docs/eval.md): the
# triggers of 第八条 each fired and at its boundaries, unknown facts asking exactly what decides,
# the chain of 逐级倒查 (第八条), collective responsibility (第九条) and the coordinating office —
# expectations read from the seed (../shared/seeds/001), not from the engine.
. "$(dirname "$0")/lib.inc"
. "$(dirname "$0")/eval.inc"

# The register (tests/fixtures/eval/central-2017.json): 市委 (party committee, the root) over its
# 网信办 (the coordinating office), 宣传部 and 档案馆 (departments: the measures require no first or
# direct responsible there, but name those they have) and 区委 (a party committee: both required,
# its direct responsible missing). 宣传部's direct responsible changed on 2024-05-10, the day of
# the incident. The incident: on 宣传部's prefecture-level portal, detected 2024-05-10 09:00, every
# fact a person answers recorded false (handled in time), so that each row changes what it tests.
C=$(cat "$CD_FIXTURES/eval/central-2017.json")

table "$C" "$TRIG" <<ROWS
nothing fired when every asked fact is false ; {} ;
# (一) portal, key news site or large platform tampered, harmful information spread wide, not
# reported or not handled in time
8.1 tampered, spread, not handled (no outage recorded: 8.2 asks) ; {"facts": {$TS, "handled_timely": false}} ; 8.1 8.2?paralysis_hours
8.1 handled, a 一般 incident has no deadline: reported in time? ; {"facts": {$TS}} ; 8.1?reported_timely
8.1 reported and handled in time ; {"facts": {$TS, "reported_timely": true}} ;
8.1 not spread wide ; {"facts": {"tampered": true, "handled_timely": false}} ; 8.2?paralysis_hours
8.1 a large platform ; {"asset": "PLAT", "facts": {$TS, "handled_timely": false}} ; 8.1
8.1 an OA system is none of the three ; {"asset": "OA", "facts": {$TS, "handled_timely": false}} ;
8.1 较大 (1,000,000 people) and no report within 4 h: not reported in time ; {"measures": {"personal_info_people": 1000000}, "facts": {$TS}} ; 8.1
# (二) a portal or key news site of prefecture level or above, not handled in time, paralysed
# 6 hours or more (以上 includes 6) — the hours from the outage times
8.2 5.9 h ; {$O59, "facts": {"handled_timely": false}} ;
8.2 6 h less a second ; {$O6m, "facts": {"handled_timely": false}} ;
8.2 6 h ; {$O6, "facts": {"handled_timely": false}} ; 8.2
8.2 6 h, handled in time ; {$O6} ;
8.2 6 h, handling unknown ; {$O6, "facts": {"handled_timely": null}} ; 8.2?handled_timely
8.2 6 h, a county portal ; {"asset": "CPORTAL", $O6, "facts": {"handled_timely": false}} ;
8.2 6 h, a prefecture news site ; {"asset": "NEWS", $O6, "facts": {"handled_timely": false}} ; 8.2
8.2 6 h, a platform is neither ; {"asset": "PLAT", $O6, "facts": {"handled_timely": false}} ;
8.2 not handled, no outage recorded ; {"facts": {"handled_timely": false}} ; 8.2?paralysis_hours
# 受到攻击后 is an element: the fixture's incident is of class network_attack (an attack); an
# equipment failure or a power cut is none, a class that does not settle it asks, and a person's
# answer overrides the class
8.2 6 h, equipment failure ; {"class": "equipment_failure", $O6, "facts": {"handled_timely": false}} ;
8.2 6 h 01 min, equipment failure ; {"class": "equipment_failure", "outage_start": "2024-05-10T08:00:00+08:00", "outage_end": "2024-05-10T14:01:00+08:00", "facts": {"handled_timely": false}} ;
8.2 6 h 01 min, an attack ; {"outage_start": "2024-05-10T08:00:00+08:00", "outage_end": "2024-05-10T14:01:00+08:00", "facts": {"handled_timely": false}} ; 8.2
8.2 6 h, malware: the class does not settle it ; {"class": "malware", $O6, "facts": {"handled_timely": false}} ; 8.2?attacked
8.2 6 h, malware a person found to be an attack ; {"class": "malware", $O6, "facts": {"handled_timely": false, "attacked": true}} ; 8.2
8.2 6 h, an attack class a person found to be none ; {$O6, "facts": {"handled_timely": false, "attacked": false}} ;
# (三) state secrets, personal information on a large scale, national basic data
8.3 state secret ; {"facts": {"state_secret_leak": true}} ; 8.3
8.3 personal information on a large scale ; {"facts": {"personal_info_leak_large": true}} ; 8.3
8.3 basic data ; {"facts": {"basic_data_leak_large": true}} ; 8.3
8.3 basic data unknown ; {"facts": {"basic_data_leak_large": null}} ; 8.3?basic_data_leak_large
# (四) critical information infrastructure (the legal designation), not handled in time, with
# one of three consequences
8.4 CII, wide impact ; {"asset": "CII", "facts": {"handled_timely": false, "wide_impact": true}} ; 8.4
8.4 CII, economic loss ; {"asset": "CII", "facts": {"handled_timely": false, "major_economic_loss": true}} ; 8.4
8.4 CII, social impact ; {"asset": "CII", "facts": {"handled_timely": false, "severe_social_impact": true}} ; 8.4
8.4 CII handled in time ; {"asset": "CII", "facts": {"wide_impact": true}} ;
8.4 CII, economic loss unknown ; {"asset": "CII", "facts": {"handled_timely": false, "major_economic_loss": null}} ; 8.4?major_economic_loss
8.4 infrastructure not designated CII ; {"asset": "IDC", "facts": {"handled_timely": false, "wide_impact": true}} ;
8.4 a portal is no CII ; {"facts": {"handled_timely": false, "wide_impact": true}} ; 8.2?paralysis_hours
8.4 CII down by a power cut (force majeure) ; {"asset": "CII", "class": "force_majeure", "facts": {"handled_timely": false, "wide_impact": true}} ;
8.4 CII, no class recorded ; {"asset": "CII", "class": null, "facts": {"handled_timely": false, "wide_impact": true}} ; 8.4?attacked
# (五) concealment, refused cooperation, or a notified problem not rectified in time with
# serious consequences
8.5 concealed ; {"facts": {"concealed": true}} ; 8.5
8.5 refused cooperation ; {"facts": {"refused_cooperation": true}} ; 8.5
8.5 notice unrectified, serious consequences ; {"facts": {"notice_unrectified": true, "serious_consequences": true}} ; 8.5
8.5 notice unrectified alone ; {"facts": {"notice_unrectified": true}} ;
8.5 notice unrectified, consequences unknown ; {"facts": {"notice_unrectified": true, "serious_consequences": null}} ; 8.5?serious_consequences
8.5 serious consequences, no period in central: notices unknown ; {"facts": {"notice_unrectified": null, "serious_consequences": true}} ; 8.5?notice_unrectified
# (六) obstructing the police or state security; (七) other serious conduct
8.6 obstructed ; {"facts": {"obstructed_authorities": true}} ; 8.6
8.7 other serious conduct ; {"facts": {"other_serious": true}} ; 8.7
8.7 unknown ; {"facts": {"other_serious": null}} ; 8.7?other_serious
# nothing recorded: each trigger asks exactly what decides it (the asset's kind, level and CII
# designation come from the register; 8.1's and 8.2's words are known)
nothing recorded ; {"facts": null} ; 8.1?tampered,harmful_info_spread_wide,reported_timely,handled_timely 8.2?handled_timely,paralysis_hours 8.3?state_secret_leak,personal_info_leak_large,basic_data_leak_large 8.5?concealed,refused_cooperation,notice_unrectified,serious_consequences 8.6?obstructed_authorities 8.7?other_serious
ROWS

# 8.5 from a notice: 通报 with its own due date (central sets no period), open at detection
N='"notices": [{"id": "TB-1", "asset": "PORTAL", "received_at": "2024-04-01T10:00:00+08:00", "stated_due": "2024-04-10"}]'
table "$C" "$TRIG" filtered <<ROWS
# the qualifiers are the register's: 重点新闻网站 and 大型网络平台 recorded (the fixture), asked
# where nobody has said; a portal recorded as no Party or government organ's is none
8.2 6 h, a news site nobody said is key: asks ; {"asset": "NEWS", $O6, "facts": {"handled_timely": false}} ; .assets |= map(if .id == "NEWS" then del(.key_news_site) else . end) ; 8.2?asset.key_news_site
8.1 a platform nobody said is large: asks ; {"asset": "PLAT", "facts": {$TS, "handled_timely": false}} ; .assets |= map(if .id == "PLAT" then del(.large_platform) else . end) ; 8.1?asset.large_platform
8.2 6 h, a portal recorded as no organ's ; {$O6, "facts": {"handled_timely": false}} ; .assets |= map(if .id == "PORTAL" then . + {"party_gov_portal": false} else . end) ;
8.5 a notice overdue at detection, serious consequences ; {"facts": {"notice_unrectified": null, "serious_consequences": true}} ; . + {$N} ; 8.5
8.5 the notice answered in time ; {"facts": {"notice_unrectified": null, "serious_consequences": true}} ; . + {$N} | .notices[0] += {"rectified_at": "2024-04-09T10:00:00+08:00", "feedback_at": "2024-04-10T10:00:00+08:00"} ; 8.5?notice_unrectified
ROWS
is '.incidents[0].facts.notice_unrectified.origin' unknown
inc "$C" '{"facts": {"notice_unrectified": null}}' ". + {$N}"
is '.incidents[0].facts.notice_unrectified.value' true
is '.incidents[0].facts.notice_unrectified.why' 'notice TB-1 overdue at detection'
is '.notices[0].state' overdue

# 逐级倒查 (第八条): 当事人, then level by level 网络安全负责人 (direct) before 主要负责人 (first),
# the holders on the CST date of detection; 集体责任 (第九条); 协调监管不力: the head of the
# coordinating office (网信办)
table "$C" "$CHAIN" <<'ROWS'
the holders on the day of detection ; {} ; X4@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership
the evening before: the earlier holder ; {"detected_at": "2024-05-09T23:59:59+08:00"} ; X2@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership
16:30 UTC on the 9th is the 10th in China ; {"detected_at": "2024-05-09T16:30:00Z"} ; X4@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership
the person involved first ; {"persons_involved": ["X3"]} ; X3@-:-:party_involved X4@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership
a party committee without its direct responsible: vacant, not skipped ; {"asset": "NEWS"} ; -@QW:direct_responsible:leadership:vacant Q1@QW:first_responsible:leadership S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership
a department with nobody: nothing required there ; {"asset": "ARCH"} ; S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership
collective: main and important leadership ; {"asset": "SWWEB", "decision_participants": ["S3"]} ; S2@SW:direct_responsible:main_leadership S1@SW:first_responsible:main_leadership S3@SW:leadership_member:important_leadership
collective: the member in charge took part — main, never important too (第九条) ; {"asset": "SWWEB", "decision_participants": ["S2", "S3"]} ; S2@SW:direct_responsible:main_leadership S1@SW:first_responsible:main_leadership S3@SW:leadership_member:important_leadership
collective: the principal alone decided — the member who did not take part bears none ; {"asset": "SWWEB", "decision_participants": ["S1"]} ; S2@SW:direct_responsible:main_leadership S1@SW:first_responsible:main_leadership
collective on the city committee for the department's portal: its leaders main ; {"decision_participants": ["S3"]} ; X4@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:main_leadership S1@SW:first_responsible:main_leadership S3@SW:leadership_member:important_leadership
collective: a participant the register gives no role keeps none (the body: the top) ; {"decision_participants": ["X3"]} ; X4@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:main_leadership S1@SW:first_responsible:main_leadership X3@SW:-:important_leadership
coordination failed: the office's head ; {"coordination_failed": true} ; X4@XCB:direct_responsible:leadership X1@XCB:first_responsible:leadership S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership W1@WXB:principal:coordination
ROWS
table "$C" "$CHAIN" filtered <<'ROWS'
coordination failed, the office has no head: vacant ; {"asset": "SWWEB", "coordination_failed": true} ; .duties |= map(select(.person != "W1")) ; S2@SW:direct_responsible:leadership S1@SW:first_responsible:leadership -@WXB:principal:coordination:vacant
the root without its first responsible: vacant ; {"asset": "SWWEB"} ; .duties |= map(select(.person != "S1")) ; S2@SW:direct_responsible:leadership -@SW:first_responsible:leadership:vacant
ROWS
inc "$C" '{"coordination_failed": true}'
is '.incidents[0].warnings' '[]'

# the central measures set no repeat window: no criticism, whatever came before
inc "$C" '{}' '.incidents += [{"id": "I0", "asset": "PORTAL", "detected_at": "2024-05-01T09:00:00+08:00"}]'
is '.incidents[0] | [.repeat_of, .criticism_proposed] | map(tostring) | join(" ")' 'null false'

done_ok
