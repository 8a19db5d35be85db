// RenderPdfWithChromium (pdf_render.h).
#include "report/pdf_render.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>
#include <vector>

#include "output/atomic_file.h"

extern char** environ;

namespace reducheck::adapters {

namespace {

namespace fs = std::filesystem;

std::string FindBrowser() {
  if (const char* env = std::getenv("REDUCHECK_CHROMIUM"); env != nullptr && *env != '\0') {
    return env;
  }
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream dirs(path);
  std::string dir;
  std::vector<std::string> dir_list;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty()) dir_list.push_back(dir);
  }
  for (const char* name :
       {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    for (const std::string& d : dir_list) {
      const std::string candidate = d + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "";
}

// A private temporary folder, removed with its contents when this goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "reducheck-pdf-XXXXXX").string();
    if (::mkdtemp(templ.data()) != nullptr) path_ = templ;
  }
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Tail(const std::string& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string s = buf.str();
  if (s.size() > max_bytes) s = "…" + s.substr(s.size() - max_bytes);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

Status RenderPdfWithChromium(const std::string& html, const std::string& pdf_path) {
  const std::string browser = FindBrowser();
  if (browser.empty()) {
    return NotFound(
        "--pdf needs Chromium, which was not found (set REDUCHECK_CHROMIUM, or install it: "
        "apt-get install chromium)");
  }
  TempDir tmp;
  if (tmp.path().empty()) return Internal("cannot create a temporary folder for the browser");
  const std::string html_path = tmp.path() + "/report.html";
  {
    std::ofstream f(html_path, std::ios::binary);
    f << html;
    if (!f) return InvalidInput("cannot write " + html_path);
  }
  // Chromium prints into the temporary folder; the PDF reaches `pdf_path` whole or not at all.
  const std::string out = tmp.path() + "/report.pdf";
  const std::string log = tmp.path() + "/chromium.log";

  std::vector<std::string> args = {
      browser,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--disable-default-apps",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--user-data-dir=" + tmp.path() + "/profile",
      "--no-pdf-header-footer",
      "--print-to-pdf=" + out,
      "file://" + html_path,
  };
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, browser.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return InvalidInput("cannot start " + browser);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return Internal("waiting for the browser failed");
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return InvalidInput(browser + " did not finish the PDF within 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return InvalidInput(browser + " failed to print the PDF: " + Tail(log, 600));
  }
  std::ifstream pdf(out, std::ios::binary);
  std::ostringstream bytes;
  bytes << pdf.rdbuf();
  const std::string document = bytes.str();
  if (document.compare(0, 5, "%PDF-") != 0) {
    return InvalidInput(browser + " wrote no PDF: " + Tail(log, 600));
  }
  return output::WriteFileAtomically(pdf_path, document);
}

}  // namespace reducheck::adapters
