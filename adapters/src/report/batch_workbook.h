// Excel workbook of a batch run (libxlsxwriter): a "Lines" sheet with one row per schedule
// line (the batch CSV columns) and a "Summary" sheet (lines by verdict, violations by rule and
// by penalty category).
#ifndef REDUCHECK_ADAPTERS_REPORT_BATCH_WORKBOOK_H_
#define REDUCHECK_ADAPTERS_REPORT_BATCH_WORKBOOK_H_

#include <string>

#include "reducheck/engine/status.h"

namespace reducheck::adapters {

// `csv` is the batch CSV output (header first, RFC 4180 quoting). Writes `path`.
Status WriteBatchWorkbook(const std::string& csv, const std::string& path);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_REPORT_BATCH_WORKBOOK_H_
