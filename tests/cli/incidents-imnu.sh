# incidents-imnu.sh — incidents under imnu-2022 through `cyberduty eval` (docs/eval.md): the
# triggers of 第十四条 each fired and at its boundaries, unknown facts asking exactly what decides,
# the chain of 逐级倒查 through the units of 谁主管、谁运维、谁使用 (第七条), collective responsibility
# (第十五条) and the coordinating office (网信委办公室) — expectations read from the seed
# (../shared/seeds/004), not from the engine.
. "$(dirname "$0")/lib.inc"
. "$(dirname "$0")/eval.inc"

# The register (tests/fixtures/eval/imnu-2022.json): the university Party committee (the root),
# its cyberspace committee and that committee's office (director: the vice-president in charge),
# the information centre and the college of computer science, each with its first and direct
# responsible and security officer. CSWEB, the college's site: managed by the college, run by the
# centre; JW: managed and run by the centre, used by the college; DC, the data centre
# (infrastructure); ONE, a platform designated CII; BBS, a platform; HOME, the university portal
# the committee manages itself. The incident: on CSWEB, detected 2024-05-10 09:00, every fact a
# person answers recorded false (handled in time).
M=$(cat "$CD_FIXTURES/eval/imnu-2022.json")
G='"grade_reason": "经网信委办公室复核"'

table "$M" "$TRIG" <<ROWS
nothing fired when every asked fact is false ; {} ;
# (一) portal, news site, publicity platform or information system tampered, harmful information
# spread wide, not reported or not handled in time
14.1 the college's site, not handled ; {"facts": {$TS, "handled_timely": false}} ; 14.1
14.1 handled, a 一般 incident has no deadline: reported in time? ; {"facts": {$TS}} ; 14.1?reported_timely
14.1 reported and handled in time ; {"facts": {$TS, "reported_timely": true}} ;
14.1 较大 and no report within 4 h ; {"measures": {"personal_info_people": 1000000}, "facts": {$TS}} ; 14.1
14.1 an information system ; {"asset": "JW", "facts": {$TS, "handled_timely": false}} ; 14.1
14.1 a platform is not listed ; {"asset": "BBS", "facts": {$TS, "handled_timely": false}} ;
# (二) state secrets or the university's important data
14.2 state secret ; {"facts": {"state_secret_leak": true}} ; 14.2
14.2 important data ; {"facts": {"important_data_leak": true}} ; 14.2
# (三) personal information on a large scale with (较)严重 consequences
14.3 a large leak with serious consequences ; {"facts": {"personal_info_leak_large": true, "serious_consequences": true}} ; 14.3
14.3 a large leak, consequences unknown ; {"facts": {"personal_info_leak_large": true, "serious_consequences": null}} ; 14.3?serious_consequences
14.3 a large leak, no serious consequences ; {"facts": {"personal_info_leak_large": true}} ;
14.3 serious consequences without a large leak ; {"facts": {"serious_consequences": true}} ;
# (四) important information infrastructure (CII or infrastructure), not handled in time, with
# one of three consequences
14.4 the data centre, wide impact ; {"asset": "DC", "facts": {"handled_timely": false, "wide_impact": true}} ; 14.4
14.4 a CII platform, economic loss ; {"asset": "ONE", "facts": {"handled_timely": false, "major_economic_loss": true}} ; 14.4
14.4 the data centre, social impact ; {"asset": "DC", "facts": {"handled_timely": false, "severe_social_impact": true}} ; 14.4
14.4 the data centre handled in time ; {"asset": "DC", "facts": {"wide_impact": true}} ;
14.4 an information system is neither ; {"asset": "JW", "facts": {"handled_timely": false, "wide_impact": true}} ;
14.4 the data centre, impact unknown ; {"asset": "DC", "facts": {"handled_timely": false, "wide_impact": null}} ; 14.4?wide_impact
# 遭受网络攻击 is an element: the fixture's incident is an attack (class network_attack)
14.4 the data centre down by equipment failure ; {"asset": "DC", "class": "equipment_failure", "facts": {"handled_timely": false, "wide_impact": true}} ;
14.4 the data centre, no class: asks ; {"asset": "DC", "class": null, "facts": {"handled_timely": false, "wide_impact": true}} ; 14.4?attacked
# 重要信息基础设施: the data centre recorded (the fixture), the CII platform derived
14.4 the CII platform, attacked: derived important ; {"asset": "ONE", "facts": {"handled_timely": false, "wide_impact": true}} ; 14.4
# (五) concealment, refused cooperation, a notified problem not rectified with serious consequences
14.5 concealed ; {"facts": {"concealed": true}} ; 14.5
14.5 refused cooperation ; {"facts": {"refused_cooperation": true}} ; 14.5
14.5 notice unrectified, serious consequences ; {"facts": {"notice_unrectified": true, "serious_consequences": true}} ; 14.5
# (六) obstructing the police or state security
14.6 obstructed ; {"facts": {"obstructed_authorities": true}} ; 14.6
# (七) unlawful operation leading to a major (重大) incident: the grade a person confirmed
14.7 unlawful, confirmed 重大 ; {"facts": {"legal_obligation_violated": true}, "grade": "重大", $G} ; 14.7
14.7 unlawful, confirmed 特别重大 ; {"facts": {"legal_obligation_violated": true}, "grade": "特别重大", $G} ; 14.7
14.7 unlawful, confirmed 较大 ; {"facts": {"legal_obligation_violated": true}, "grade": "较大", $G} ;
14.7 unlawful, 重大 only proposed (10,000,000 people) ; {"facts": {"legal_obligation_violated": true}, "measures": {"personal_info_people": 10000000}} ; 14.7?major_incident
14.7 unlawful, no grade ; {"facts": {"legal_obligation_violated": true}} ; 14.7?major_incident
14.7 lawful, confirmed 重大 ; {"grade": "重大", $G} ;
14.7 lawfulness unknown, confirmed 重大 ; {"facts": {"legal_obligation_violated": null}, "grade": "重大", $G} ; 14.7?legal_obligation_violated
# (八) mechanism unsound, funding missing or responsibility unclear, with serious consequences
14.8 mechanism unsound ; {"facts": {"mechanism_unsound": true, "serious_consequences": true}} ; 14.8
14.8 funding missing ; {"facts": {"funding_missing": true, "serious_consequences": true}} ; 14.8
14.8 mechanism unsound, no serious consequences ; {"facts": {"mechanism_unsound": true}} ;
14.8 mechanism unsound, consequences unknown ; {"facts": {"mechanism_unsound": true, "serious_consequences": null}} ; 14.8?serious_consequences
14.8 serious, mechanism and funding unknown (responsibility clear) ; {"facts": {"mechanism_unsound": null, "funding_missing": null, "serious_consequences": true}} ; 14.8?mechanism_unsound,funding_missing
# (九) other serious conduct
14.9 other serious conduct ; {"facts": {"other_serious": true}} ; 14.9
nothing recorded ; {"facts": null} ; 14.1?tampered,harmful_info_spread_wide,reported_timely,handled_timely 14.2?state_secret_leak,important_data_leak 14.3?personal_info_leak_large,serious_consequences 14.5?concealed,refused_cooperation,notice_unrectified,serious_consequences 14.6?obstructed_authorities 14.7?legal_obligation_violated,major_incident 14.8?mechanism_unsound,funding_missing,serious_consequences 14.9?other_serious
ROWS

# facts the data gives: a responsibility gap (the college without its security officer, 第十一条
# 第（五）项) on the day of detection; a notice overdue by its own due date (IMNU sets no period,
# so a notice without one leaves the question to a person)
N='{"id": "NMG-1", "asset": "CSWEB", "received_at": "2024-04-01T10:00:00+08:00"}'
table "$M" "$TRIG" filtered <<ROWS
14.8 responsibility unclear: a gap in the register ; {"facts": {"serious_consequences": true}} ; .duties |= map(select(.person != "T203")) ; 14.8
14.8 the gap filled the day before detection ; {"facts": {"serious_consequences": true}} ; .duties |= map(select(.person != "T203")) | .people += [{"id": "T205"}] | .duties += [{"person": "T205", "unit": "CS", "role": "security_officer", "from": "2024-05-09"}] ;
14.5 a notice overdue by its stated due date ; {"facts": {"notice_unrectified": null, "serious_consequences": true}} ; .notices = [$N + {"stated_due": "2024-04-10"}] ; 14.5
14.5 a notice without a due date ; {"facts": {"notice_unrectified": null, "serious_consequences": true}} ; .notices = [$N] ; 14.5?notice_unrectified
ROWS
inc "$M" '{}' '.duties |= map(select(.person != "T203"))'
is '.incidents[0].facts.responsibility_unclear | [.value, .why] | map(tostring) | join(" ")' 'true check on 2024-05-10: CS'
inc "$M" '{"grade": "较大", "grade_reason": "复核"}'
is '.incidents[0].facts.major_incident | [.value, .origin, .why] | map(tostring) | join(" ")' 'false derived confirmed grade 较大'

# 逐级倒查 (第十四条): 当事人, then from each answering unit level by level the direct responsible
# before the first responsible; 集体责任 (第十五条); 协调监管不力: the office's director
table "$M" "$CHAIN" <<'ROWS'
the college's site: the college manages it, the centre runs it ; {} ; T202@CS:direct_responsible:leadership T201@CS:first_responsible:leadership T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership T102@NIC:direct_responsible:leadership T101@NIC:first_responsible:leadership
教务: managed and run by the centre, used by the college ; {"asset": "JW"} ; T102@NIC:direct_responsible:leadership T101@NIC:first_responsible:leadership T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership T202@CS:direct_responsible:leadership T201@CS:first_responsible:leadership
the person involved first ; {"persons_involved": ["T204"]} ; T204@-:-:party_involved T202@CS:direct_responsible:leadership T201@CS:first_responsible:leadership T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership T102@NIC:direct_responsible:leadership T101@NIC:first_responsible:leadership
collective on the committee's portal ; {"asset": "HOME", "decision_participants": ["T003"]} ; T002@IMNU:direct_responsible:main_leadership T001@IMNU:first_responsible:main_leadership T003@IMNU:leadership_member:important_leadership
coordination failed: the office's director ; {"asset": "HOME", "coordination_failed": true} ; T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership T002@WXB:principal:coordination
ROWS
table "$M" "$CHAIN" filtered <<'ROWS'
the college without its direct responsible: vacant, not skipped ; {} ; .duties |= map(select(.person != "T202")) ; -@CS:direct_responsible:leadership:vacant T201@CS:first_responsible:leadership T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership T102@NIC:direct_responsible:leadership T101@NIC:first_responsible:leadership
the dean changed the day before ; {} ; .duties |= map(if .person == "T201" then .to = "2024-05-09" else . end) | .people += [{"id": "T205"}] | .duties += [{"person": "T205", "unit": "CS", "role": "first_responsible", "from": "2024-05-10"}] ; T202@CS:direct_responsible:leadership T205@CS:first_responsible:leadership T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership T102@NIC:direct_responsible:leadership T101@NIC:first_responsible:leadership
coordination failed, the office without a director: vacant ; {"asset": "HOME", "coordination_failed": true} ; .duties |= map(select(.unit != "WXB")) ; T002@IMNU:direct_responsible:leadership T001@IMNU:first_responsible:leadership -@WXB:principal:coordination:vacant
ROWS

# IMNU sets no repeat window: no criticism, whatever came before
inc "$M" '{}' '.incidents += [{"id": "I0", "asset": "CSWEB", "detected_at": "2024-05-01T09:00:00+08:00"}]'
is '.incidents[0] | [.repeat_of, .criticism_proposed] | map(tostring) | join(" ")' 'null false'

done_ok
