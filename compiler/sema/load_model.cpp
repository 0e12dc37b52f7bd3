// Import resolution: relative to the importing file, then the model library; cycle detection.
#include "compiler/sema/load_model.h"

#include "compiler/parse/parse_file.h"

#include <filesystem>
#include <set>

namespace nj::sema {

using support::DiagCode;
namespace fs = std::filesystem;

namespace {

class Loader {
public:
    explicit Loader(ModelContext& context) : context_(context) {}

    bool load(const fs::path& path, support::SourceRange import_site) {
        std::error_code ec;
        fs::path key = fs::weakly_canonical(path, ec);
        if (ec) key = path;
        if (active_.count(key.string())) {
            context_.diags.report(DiagCode::IoImportCycle, import_site,
                                  "'" + path.string() + "' imports itself through this import")
                .help("remove one of the imports that form the cycle");
            return false;
        }
        if (done_.count(key.string())) return true;
        std::string reason;
        auto file = !import_site.valid() && context_.options.root_text
                        ? context_.sources.add_buffer(path.string(), *context_.options.root_text)
                        : context_.sources.load_file(path, &reason);
        if (!file) {
            context_.diags.report(DiagCode::IoMissingFile, import_site,
                                  "cannot read '" + path.string() + "': " + reason);
            return false;
        }
        auto parsed = parse::parse_file(*file, context_.sources, context_.diags);
        if (!parsed) return false;
        active_.insert(key.string());
        bool ok = load_imports(*parsed, path);
        active_.erase(key.string());
        done_.insert(key.string());
        context_.model.files.push_back(std::move(*parsed));
        return ok;
    }

private:
    bool load_imports(const ast::ModelFile& file, const fs::path& path) {
        bool ok = true;
        for (const auto& item : file.items) {
            const auto* import = std::get_if<ast::ImportDecl>(&item);
            if (!import) continue;
            auto found = find_import(import->path, path.parent_path());
            if (!found) {
                context_.diags
                    .report(DiagCode::IoMissingFile, import->path_range,
                            "cannot find the imported file '" + import->path + "'")
                    .note("looked next to '" + path.string() + "' and in the model library");
                ok = false;
                continue;
            }
            ok = load(*found, import->path_range) && ok;
        }
        return ok;
    }

    std::optional<fs::path> find_import(const std::string& name, const fs::path& dir) const {
        std::error_code ec;
        std::vector<fs::path> candidates{dir / name};
        for (const auto& lib : context_.options.library_dirs) candidates.push_back(fs::path(lib) / name);
        for (const auto& candidate : candidates) {
            if (fs::is_regular_file(candidate, ec)) return candidate;
        }
        return std::nullopt;
    }

    ModelContext& context_;
    std::set<std::string> active_;
    std::set<std::string> done_;
};

}  // namespace

bool load_model(const std::string& root_path, ModelContext& context) {
    Loader loader(context);
    return loader.load(root_path, support::SourceRange{});
}

}  // namespace nj::sema
