# Sourced by the bench scripts that time a C program against the system OpenBLAS: compiles bench/NAME.c into a
# scratch folder (removed on exit) and runs it with OPENBLAS_NUM_THREADS=THREADS and the remaining arguments.
#
#   run_openblas_program NAME THREADS [ARGUMENTS...]
run_openblas_program() {
    local name=$1 threads=$2 include
    shift 2
    openblas_program_folder=$(mktemp -d)
    trap 'rm -rf "$openblas_program_folder"' EXIT
    include=$(find /usr/include -maxdepth 3 -name cblas.h -path "*openblas*" -printf '%h\n' | head -1)
    clang -O2 ${include:+-I"$include"} "bench/$name.c" -lopenblas -o "$openblas_program_folder/$name"
    OPENBLAS_NUM_THREADS=$threads "$openblas_program_folder/$name" "$@"
}
