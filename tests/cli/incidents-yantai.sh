# incidents-yantai.sh — incidents under yantai-fao-2021 through `cyberduty eval` (docs/eval.md):
# the triggers of 八、责任追究 each fired and at its boundaries, unknown facts asking exactly what
# decides, the chain through every unit the three principles of 三、工作职责 name (谁建设、谁使用、
# 谁管理), and criticism (通报批评) for a repeat within 3 months (五、整改落实) — expectations read
# from the seed (../shared/seeds/000), not from the engine.
. "$(dirname "$0")/lib.inc"
. "$(dirname "$0")/eval.inc"

# The register (tests/fixtures/eval/yantai-fao-2021.json): the office (the root) with its leaders,
# the leading group and its office, 综合科 and 业务科 (sections) and 外事综合服务中心, each with its
# principal and security officer. WEB, the portal: managed by 综合科, run by the centre, with
# protection software; OA: built for 业务科, used by 综合科, managed by the centre; SRV, a file
# server of the centre without protection software. The incident: on WEB, detected 2024-05-10
# 09:00, every fact a person answers recorded false (handled in time).
Y=$(cat "$CD_FIXTURES/eval/yantai-fao-2021.json")

table "$Y" "$TRIG" <<ROWS
nothing fired when every asked fact is false ; {} ;
# (一) a server or important system tampered, harmful information spread wide, not reported or
# not handled in time (every kind of system is listed; which are 重要 a person judges)
8.1 the portal, not handled (no outage recorded: 8.2 asks) ; {"facts": {$TS, "handled_timely": false}} ; 8.1 8.2?paralysis_hours
8.1 handled, a 一般 incident has no deadline: reported in time? ; {"facts": {$TS}} ; 8.1?reported_timely
8.1 reported and handled in time ; {"facts": {$TS, "reported_timely": true}} ;
8.1 较大 and no report within 4 h ; {"measures": {"personal_info_people": 1000000}, "facts": {$TS}} ; 8.1
8.1 a server, down 1 h ; {"asset": "SRV", $O1, "facts": {$TS, "handled_timely": false}} ; 8.1 8.7
# (二) a main server or important system, not handled in time, paralysed 6 hours or more
8.2 5.9 h ; {$O59, "facts": {"handled_timely": false}} ;
8.2 6 h ; {$O6, "facts": {"handled_timely": false}} ; 8.2
8.2 6 h, handled in time ; {$O6} ;
8.2 6 h, handling unknown ; {$O6, "facts": {"handled_timely": null}} ; 8.2?handled_timely
8.2 6 h, the OA system ; {"asset": "OA", $O6, "facts": {"handled_timely": false}} ; 8.2
# 受到攻击后 / 被网络攻击 / 受外界攻击 are elements of (二)(四)(七): the fixture's incident is an
# attack (class network_attack); an equipment failure fires none of them
8.2 6 h, equipment failure ; {"class": "equipment_failure", $O6, "facts": {"handled_timely": false}} ;
8.2 6 h, no class: asks ; {"class": null, $O6, "facts": {"handled_timely": false}} ; 8.2?attacked
# 主要服务器、重要系统: the portal and the OA system are recorded important (the fixture); the file
# server is not graded and nobody said: asked
8.2 6 h, the file server nobody said is a main one: asks (no protection software: 8.7) ; {"asset": "SRV", $O6, "facts": {"handled_timely": false}} ; 8.2?asset.important_system 8.7
8.4 equipment failure, wide impact ; {"class": "equipment_failure", $O1, "facts": {"handled_timely": false, "wide_impact": true}} ;
8.7 a server without protection software down 1 h by a power cut ; {"asset": "SRV", "class": "force_majeure", $O1} ;
8.7 the same, no class: asks ; {"asset": "SRV", "class": null, $O1} ; 8.7?attacked
# (三) state secrets or important data resources
8.3 state secret ; {"facts": {"state_secret_leak": true}} ; 8.3
8.3 important data ; {"facts": {"important_data_leak": true}} ; 8.3
8.3 important data unknown ; {"facts": {"important_data_leak": null}} ; 8.3?important_data_leak
# (四) attacked, not handled in time, with one of three consequences
8.4 the office's work disrupted on a large scale ; {$O1, "facts": {"handled_timely": false, "wide_impact": true}} ; 8.4
8.4 economic loss, the OA system ; {"asset": "OA", $O1, "facts": {"handled_timely": false, "major_economic_loss": true}} ; 8.4
8.4 social impact ; {$O1, "facts": {"handled_timely": false, "severe_social_impact": true}} ; 8.4
8.4 handled in time ; {$O1, "facts": {"wide_impact": true}} ;
8.4 the impact unknown ; {$O1, "facts": {"handled_timely": false, "wide_impact": null}} ; 8.4?wide_impact
# (五) concealment, refused cooperation, a notified problem not rectified in time with serious
# consequences — no notice on the portal: not unrectified
8.5 concealed ; {"facts": {"concealed": true}} ; 8.5
8.5 refused cooperation ; {"facts": {"refused_cooperation": true}} ; 8.5
8.5 serious consequences, no notice ; {"facts": {"serious_consequences": true}} ;
# (六) obstructing state organs
8.6 obstructed ; {"facts": {"obstructed_authorities": true}} ; 8.6
# (七) no protection software, the network paralysed by an attack (however long)
8.7 a server without protection software, down 1 h ; {"asset": "SRV", $O1} ; 8.7
8.7 the portal with protection software, down 1 h ; {$O1} ;
8.7 a server without protection software, no outage recorded ; {"asset": "SRV"} ; 8.7?paralysed
# (八) other serious conduct
8.8 other serious conduct ; {"facts": {"other_serious": true}} ; 8.8
nothing recorded ; {"facts": null} ; 8.1?tampered,harmful_info_spread_wide,reported_timely,handled_timely 8.2?handled_timely,paralysis_hours 8.3?state_secret_leak,important_data_leak 8.4?handled_timely,wide_impact,major_economic_loss,severe_social_impact 8.5?concealed,refused_cooperation 8.6?obstructed_authorities 8.8?other_serious
ROWS

# 8.5 from a notice: received Monday 22 April 2024, 3 working days → due Thursday 25 April
N='{"id": "YT-1", "asset": "WEB", "received_at": "2024-04-22T10:00:00+08:00"}'
table "$Y" "$TRIG" filtered <<ROWS
8.5 the notice overdue at detection, serious consequences ; {"facts": {"serious_consequences": true}} ; .notices = [$N] ; 8.5
8.5 the notice rectified and answered in time ; {"facts": {"serious_consequences": true}} ; .notices = [$N + {"rectified_at": "2024-04-24T10:00:00+08:00", "feedback_at": "2024-04-25T10:00:00+08:00"}] ;
8.5 a notice not yet due at detection (due Monday 13 May) ; {"facts": {"serious_consequences": true}} ; .notices = [$N + {"received_at": "2024-05-09T10:00:00+08:00"}] ;
8.5 the overdue notice, no serious consequences ; {} ; .notices = [$N] ;
ROWS
inc "$Y" '{}' ".notices = [$N]"
is '.incidents[0].facts.notice_unrectified | [.value, .why] | map(tostring) | join(" ")' 'true notice YT-1 overdue at detection'
inc "$Y" '{}'
is '.incidents[0].facts.notice_unrectified | [.value, .origin, .why] | map(tostring) | join(" ")' 'false derived no notice on the system overdue at detection'
is '.incidents[0].facts.protection_software_missing.value' false
is '.incidents[0].facts.responsibility_unclear | [.value, .why] | map(tostring) | join(" ")' 'false check on 2024-05-10: no responsibility gap for the answering units'

# the chain (八、责任追究, after the structure of 二、): the principal of each answering unit, then
# the office's direct and first responsible; the operator is no principle of Yantai
table "$Y" "$CHAIN" <<'ROWS'
the portal: 综合科 manages it ; {} ; P03@ZHK:principal:direct P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership
OA: built for 业务科, used by 综合科, managed by the centre, each walked ; {"asset": "OA"} ; P07@YWK:principal:direct P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership P03@ZHK:principal:direct P05@FWZX:principal:direct
two systems ; {"asset": null, "assets": ["WEB", "SRV"]} ; P03@ZHK:principal:direct P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership P05@FWZX:principal:direct
the person involved first ; {"persons_involved": ["P08"]} ; P08@-:-:party_involved P03@ZHK:principal:direct P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership
collective: the leaders main, the members who decided important ; {"decision_participants": ["P09"]} ; P03@ZHK:principal:direct P02@FAO:direct_responsible:main_leadership P01@FAO:first_responsible:main_leadership P09@FAO:leadership_member:important_leadership
coordination failed: Yantai names no coordinating office ; {"coordination_failed": true} ; P03@ZHK:principal:direct P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership
ROWS
is '.incidents[0].warnings | join(" / ")' 'coordination failed, but the profile names no coordinating office: nobody is added for it'
table "$Y" "$CHAIN" filtered <<'ROWS'
业务科 without its principal: vacant, not skipped ; {"asset": "OA"} ; .duties |= map(select(.person != "P07")) ; -@YWK:principal:direct:vacant P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership P03@ZHK:principal:direct P05@FWZX:principal:direct
综合科's principal changed the day before ; {} ; .duties |= map(if .person == "P03" then .to = "2024-05-09" else . end) | .people += [{"id": "P11"}] | .duties += [{"person": "P11", "unit": "ZHK", "role": "principal", "from": "2024-05-10"}] ; P11@ZHK:principal:direct P02@FAO:direct_responsible:leadership P01@FAO:first_responsible:leadership
ROWS
# a vacancy is a responsibility gap
inc "$Y" '{"asset": "OA"}' '.duties |= map(select(.person != "P07"))'
is '.incidents[0].facts.responsibility_unclear | [.value, .why] | map(tostring) | join(" ")' 'true check on 2024-05-10: YWK'

# 通报批评: the same system again within 3 months (五、整改落实), from 00:00 CST of the same day
CRIT='.incidents[0] | [.repeat_of, .criticism_proposed, .criticism_article] | map(tostring) | join(" ")'
table "$Y" "$CRIT" filtered <<'ROWS'
nothing earlier ; {} ; . ; null false null
an incident on the portal on 10 February at 00:00 ; {} ; .incidents += [{"id": "I0", "asset": "WEB", "detected_at": "2024-02-10T00:00:00+08:00"}] ; I0 true 五、整改落实
a second earlier ; {} ; .incidents += [{"id": "I0", "asset": "WEB", "detected_at": "2024-02-09T23:59:59+08:00"}] ; null false null
on another system ; {} ; .incidents += [{"id": "I0", "asset": "OA", "detected_at": "2024-04-10T09:00:00+08:00"}] ; null false null
a notice on the portal in March ; {} ; .notices = [{"id": "YT-3", "asset": "WEB", "received_at": "2024-03-01T09:00:00+08:00", "rectified_at": "2024-03-04T09:00:00+08:00", "feedback_at": "2024-03-04T10:00:00+08:00"}] ; YT-3 true 五、整改落实
a later incident does not reach back ; {} ; .incidents += [{"id": "I2", "asset": "WEB", "detected_at": "2024-05-20T09:00:00+08:00"}] ; null false null
one of two systems ; {"asset": null, "assets": ["OA", "WEB"]} ; .incidents += [{"id": "I0", "asset": "WEB", "detected_at": "2024-04-01T09:00:00+08:00"}] ; I0 true 五、整改落实
ROWS
# the later incident is the repeat; the incidents count for the notices' repeats as before
inc "$Y" '{}' '.incidents += [{"id": "I2", "asset": "WEB", "detected_at": "2024-05-20T09:00:00+08:00"}] | .notices = [{"id": "YT-9", "asset": "WEB", "received_at": "2024-06-01T09:00:00+08:00"}] | .as_of = "2024-06-02T09:00:00+08:00"'
is '[.incidents[] | .id + ":" + (.repeat_of // "-")] | join(" ")' 'I1:- I2:I1'
is '.notices[0].repeat_of' I2

done_ok
