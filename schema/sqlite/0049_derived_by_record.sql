-- 0049_derived_by_record.sql — a register act keeps the derived obligations (0009) and gaps
-- (0012) of what it changed instead of leaving them stale for a whole rebuild
-- (svc/deadlines.c, svc_obligations_asset and svc_gaps_of): a system's MLPS obligations and its
-- gaps, a unit's own gaps, a project's. Each is replaced through one of these indexes; partial,
-- so that the rows of no system or no project (most gaps, every duty) cost a rebuild nothing.
CREATE INDEX obligation_asset ON obligation(asset_id) WHERE asset_id <> 0;
CREATE INDEX gap_asset ON gap(asset_id) WHERE asset_id <> 0;
CREATE INDEX gap_project ON gap(project_id) WHERE project_id <> 0;
