// The optimisation pipeline (new pass manager) with the host's target information.
#include "compiler/codegen/optimize_module.h"

#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/TargetParser/Triple.h>

namespace nj::codegen {

void optimize_module(llvm::Module& module, llvm::TargetMachine& machine, int level, bool vector_math) {
    if (level <= 0) return;
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PipelineTuningOptions tuning;
    tuning.LoopVectorization = true;
    tuning.SLPVectorization = true;
    llvm::PassBuilder builder(&machine, tuning);
    llvm::Triple triple(module.getTargetTriple());
    llvm::TargetLibraryInfoImpl library(triple);
    if (vector_math && triple.getArch() == llvm::Triple::x86_64) {
        library.addVectorizableFunctionsFromVecLib(llvm::TargetLibraryInfoImpl::LIBMVEC_X86, triple);
    }
    fam.registerPass([&] { return llvm::TargetLibraryAnalysis(library); });
    builder.registerModuleAnalyses(mam);
    builder.registerCGSCCAnalyses(cgam);
    builder.registerFunctionAnalyses(fam);
    builder.registerLoopAnalyses(lam);
    builder.crossRegisterProxies(lam, fam, cgam, mam);
    llvm::OptimizationLevel opt = level == 1   ? llvm::OptimizationLevel::O1
                                  : level == 2 ? llvm::OptimizationLevel::O2
                                               : llvm::OptimizationLevel::O3;
    builder.buildPerModuleDefaultPipeline(opt).run(module, mam);
}

}  // namespace nj::codegen
