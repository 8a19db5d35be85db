# The installed library and its CMake package, built against by an out-of-tree consumer
# (examples/embed). Included by test/CMakeLists.txt. The consumer and the headers are compiled
# by this tree's compiler (CXX): sanitizer runtimes of two compilers do not mix.
if(NOT REDUCHECK_SANITIZED)
  add_test(NAME install.EmbedConsumer
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/embed_consumer.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_SOURCE_DIR})
  set_tests_properties(install.EmbedConsumer PROPERTIES LABELS install TIMEOUT 300
                       ENVIRONMENT "CXX=${CMAKE_CXX_COMPILER}")
else()
  # The sanitizer tree looks for memory errors, not packaging ones: building the consumer's 29
  # translation units with ASan + UBSan took ~54 s there, and its run makes the same API calls
  # the unit tests make there. It keeps the install, the relocated CLI and the public headers
  # under its own compiler (clang: warnings GCC does not give), in one -fsyntax-only translation
  # unit. The consumer, its verdicts and each header compiled on its own: install.EmbedConsumer,
  # in the Release tree.
  add_test(NAME install.PublicHeaders
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/embed_consumer.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_SOURCE_DIR} "" headers)
  set_tests_properties(install.PublicHeaders PROPERTIES LABELS install TIMEOUT 300
                       ENVIRONMENT "CXX=${CMAKE_CXX_COMPILER}")
endif()
