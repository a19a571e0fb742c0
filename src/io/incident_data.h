/* incident_data.h — the grading thresholds, reporting deadlines (data/incident-grades.json) and
 * incident classes (data/incident-classes.json) as core structs, read with jansson. The files
 * are built in; an organisation's own copy can be read with the *_parse functions. */
#ifndef CD_INCIDENT_DATA_H
#define CD_INCIDENT_DATA_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/incident.h"

#define INCIDENT_GRADES_FILE  "data/incident-grades.json"
#define INCIDENT_CLASSES_FILE "data/incident-classes.json"

/* grade_rules_parse reads len bytes of JSON (the format of data/incident-grades.json) into *out,
 * everything in a; file names the input in messages ("FILE: thresholds[3].measure: …").
 * CD_EINVAL, CD_ENOMEM. */
enum cd_err grade_rules_parse(const char *buf, size_t len, const char *file, struct arena *a,
			      struct grade_rules *out, struct cd_diag *d);

/* incident_classes_parse does the same for data/incident-classes.json. */
enum cd_err incident_classes_parse(const char *buf, size_t len, const char *file,
				   struct arena *a, struct incident_classes *out,
				   struct cd_diag *d);

/* incident_data_builtin reads both built-in files. */
enum cd_err incident_data_builtin(struct arena *a, struct grade_rules *rules,
				  struct incident_classes *classes, struct cd_diag *d);

#endif
