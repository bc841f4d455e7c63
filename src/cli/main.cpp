#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    return winback::cli::run(argc, argv, std::cout, std::cerr, winback::cli::Environment::from_process());
}
