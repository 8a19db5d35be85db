# The installed library and its CMake package, built against by an out-of-tree consumer
# (examples/embed). Included by test/CMakeLists.txt.
set(_embed_flags "")
if(REDUCHECK_SANITIZED)
  set(_embed_flags "-fsanitize=address,undefined")
endif()
add_test(NAME install.EmbedConsumer
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/embed_consumer.sh ${PROJECT_BINARY_DIR}
                 ${PROJECT_SOURCE_DIR} "${_embed_flags}")
# The consumer is built by this tree's compiler: sanitizer runtimes of two compilers do not mix.
set_tests_properties(install.EmbedConsumer PROPERTIES LABELS install TIMEOUT 300
                     ENVIRONMENT "CXX=${CMAKE_CXX_COMPILER}")
