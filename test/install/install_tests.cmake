# The installed library and its CMake package, built against by an out-of-tree consumer
# (examples/embed). Included by test/CMakeLists.txt.
set(_embed_flags "")
if(REDUCHECK_SANITIZE)
  set(_embed_flags "-fsanitize=address,undefined")
endif()
add_test(NAME install.EmbedConsumer
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/embed_consumer.sh ${PROJECT_BINARY_DIR}
                 ${PROJECT_SOURCE_DIR} "${_embed_flags}")
set_tests_properties(install.EmbedConsumer PROPERTIES LABELS install TIMEOUT 300)
