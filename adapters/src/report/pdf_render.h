// HTML -> PDF with headless Chromium (`reducheck lockup --pdf`, issue 13 item 4).
//
// Chromium is found as $REDUCHECK_CHROMIUM, else `chromium`, `chromium-browser`,
// `google-chrome` or `google-chrome-stable` on PATH (Debian: apt-get install chromium). It runs
// headless with a fresh profile in a temporary folder, every background service off and every
// host name unresolvable (--host-resolver-rules), on a self-contained page: nothing leaves the
// machine. The page's print CSS sets the layout (A4 landscape); Chromium's own header and
// footer are off. At most 120 s, then the browser is killed and the call fails.
#ifndef REDUCHECK_ADAPTERS_REPORT_PDF_RENDER_H_
#define REDUCHECK_ADAPTERS_REPORT_PDF_RENDER_H_

#include <string>

#include "reducheck/engine/status.h"

namespace reducheck::adapters {

// Writes `pdf_path` from the HTML text, whole or not at all (output/atomic_file.h). Non-ok: no
// browser (kNotFound), the browser failed or timed out, or the output is not a PDF; the message
// says which, with the browser's last words.
Status RenderPdfWithChromium(const std::string& html, const std::string& pdf_path);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_REPORT_PDF_RENDER_H_
