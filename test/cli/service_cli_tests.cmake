# `reducheck serve`, `audit verify` and `replay` from the command line: options and inputs that
# must be refused before anything starts (the service's behaviour is in test/service/).
set(SVC_DATA ${REDUCHECK_CLI_DATA}/service)
reducheck_cli_test(ServeBadListenExits2 2 err "--listen: expected HOST:PORT"
                   ${REDUCHECK_CLI} serve --listen nowhere --db /nonexistent-dir/s.sqlite)
reducheck_cli_test(ServeListenAndPortExits2 2 err "not both"
                   ${REDUCHECK_CLI} serve --listen 127.0.0.1:1 --port 2)
reducheck_cli_test(ServeShortTokenExits2 2 err "at least 16 characters"
                   ${REDUCHECK_CLI} serve --token-file ${SVC_DATA}/short_token)
reducheck_cli_test(ServeMissingTokenFileExits2 2 err "no_such_token"
                   ${REDUCHECK_CLI} serve --token-file ${SVC_DATA}/no_such_token)
reducheck_cli_test(ServeUnwritableDbExits2 2 err "/nonexistent-dir/s\\.sqlite"
                   ${REDUCHECK_CLI} serve --db /nonexistent-dir/s.sqlite --port 0)
# A copy in the build tree: serve takes the log's lock file beside it (never in the sources).
configure_file(${SVC_DATA}/not_a_log.txt ${CMAKE_CURRENT_BINARY_DIR}/not_a_log.txt COPYONLY)
reducheck_cli_test(ServeBadAuditLogExits2 2 err "not an audit line"
                   ${REDUCHECK_CLI} serve --db ${CMAKE_CURRENT_BINARY_DIR}/cli-serve-badlog.sqlite
                   --audit-log ${CMAKE_CURRENT_BINARY_DIR}/not_a_log.txt --port 0)
reducheck_cli_test(AuditVerifyMissingLogExits2 2 err "cannot read"
                   ${REDUCHECK_CLI} audit verify ${SVC_DATA}/no_such.jsonl)
reducheck_cli_test(AuditVerifyTamperedLogExits1 1 out "line 2: seq 3 follows seq 1: lines are missing"
                   ${REDUCHECK_CLI} audit verify ${SVC_DATA}/tampered.audit.jsonl)
reducheck_cli_test(AuditWithoutVerbExits2 2 any "subcommand" ${REDUCHECK_CLI} audit)
reducheck_cli_test(ReplayNeedsDbExits2 2 err "--db"
                   ${REDUCHECK_CLI} replay ${SVC_DATA}/tampered.audit.jsonl)
reducheck_cli_test(ReplayMissingDbExits2 2 err "no such database"
                   ${REDUCHECK_CLI} replay ${SVC_DATA}/tampered.audit.jsonl --db ${SVC_DATA}/none.sqlite)
