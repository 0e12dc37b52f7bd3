# Generates the ANTLR4 C++ parser from grammar/NeuroJit.g4 at build time (never committed).
find_program(ANTLR4_TOOL antlr4 REQUIRED)
find_path(ANTLR4_INCLUDE_DIR antlr4-runtime.h PATH_SUFFIXES antlr4-runtime REQUIRED)
find_library(ANTLR4_RUNTIME_LIB antlr4-runtime REQUIRED)

# clang rejects one inline constructor of Debian's ANTLR 4.9 runtime headers
# (misc/InterpreterDataReader.h default-constructs a class whose default constructor is
# deleted); gcc accepts it. For the clang-only fuzz build, use a copy of the headers without
# that unused constructor.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  set(NJ_ANTLR_HEADERS ${CMAKE_BINARY_DIR}/antlr4-headers/antlr4-runtime)
  if(NOT EXISTS ${NJ_ANTLR_HEADERS}/antlr4-runtime.h)
    file(COPY ${ANTLR4_INCLUDE_DIR}/ DESTINATION ${NJ_ANTLR_HEADERS})
    file(READ ${NJ_ANTLR_HEADERS}/misc/InterpreterDataReader.h NJ_IDR)
    string(REPLACE "InterpreterData() {};" "" NJ_IDR "${NJ_IDR}")
    file(WRITE ${NJ_ANTLR_HEADERS}/misc/InterpreterDataReader.h "${NJ_IDR}")
  endif()
  set(ANTLR4_INCLUDE_DIR ${NJ_ANTLR_HEADERS})
endif()

set(NJ_GRAMMAR ${CMAKE_SOURCE_DIR}/grammar/NeuroJit.g4)
set(NJ_GEN_DIR ${CMAKE_BINARY_DIR}/generated/grammar)
set(NJ_GEN_SOURCES
  ${NJ_GEN_DIR}/NeuroJitLexer.cpp ${NJ_GEN_DIR}/NeuroJitParser.cpp
  ${NJ_GEN_DIR}/NeuroJitVisitor.cpp ${NJ_GEN_DIR}/NeuroJitBaseVisitor.cpp)

# The Debian wrapper /usr/bin/antlr4 sets up the classpath; `java -jar` would not.
add_custom_command(
  OUTPUT ${NJ_GEN_SOURCES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${NJ_GEN_DIR}
  COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -visitor -no-listener -package nj::grammar
          -o ${NJ_GEN_DIR} -Xexact-output-dir ${NJ_GRAMMAR}
  DEPENDS ${NJ_GRAMMAR}
  COMMENT "Generating the NeuroJit parser with ANTLR4")

add_library(nj_grammar STATIC ${NJ_GEN_SOURCES})
target_include_directories(nj_grammar SYSTEM PUBLIC ${NJ_GEN_DIR} ${ANTLR4_INCLUDE_DIR})
target_link_libraries(nj_grammar PUBLIC ${ANTLR4_RUNTIME_LIB})
# ANTLR 4.7.2 emits u8"" literals, which are char8_t (not char) in C++20.
target_compile_options(nj_grammar PRIVATE -w -fno-char8_t)
if(NJ_FUZZ)
  target_compile_options(nj_grammar PRIVATE -fsanitize=fuzzer-no-link,address)
endif()
