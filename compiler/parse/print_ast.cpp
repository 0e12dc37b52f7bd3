// Prints declarations, items and equations of a parsed file as an indented outline.
#include "compiler/parse/print_ast.h"

#include <sstream>

namespace nj::parse {

namespace {

using ast::Item;
using ast::ItemKind;

class Printer {
public:
    std::string text() const { return out_.str(); }

    void line(int depth, const std::string& text) {
        out_ << std::string(static_cast<size_t>(depth) * 2, ' ') << text << '\n';
    }

    void items(int depth, const std::vector<Item>& list) {
        for (const Item& item : list) {
            this->item(depth, item);
        }
    }

    void item(int depth, const Item& item) {
        switch (item.kind) {
        case ItemKind::Equations:
            line(depth, "equations");
            for (const ast::Equation& eq : item.equations) {
                line(depth + 1, equation(eq));
            }
            return;
        case ItemKind::Clause: return clause(depth, item);
        case ItemKind::If: return branch(depth, item);
        default: break;
        }
        line(depth, head(item));
        if (item.kind != ItemKind::Set) {  // set statements print their children inline
            items(depth + 1, item.children);
        }
    }

    void top(const ast::TopItem& top) {
        std::visit([this](const auto& decl) { declaration(decl); }, top);
    }

private:
    static std::string exprs(const Item& item, size_t first = 0) {
        std::string out;
        for (size_t i = first; i < item.exprs.size(); ++i) {
            out += (i > first ? ", " : "") + print_expr(*item.exprs[i]);
        }
        return out;
    }

    static std::string statements(const std::vector<Item>& list) {
        std::string out;
        for (const Item& item : list) {
            out += (out.empty() ? "" : "; ") + head(item);
        }
        return out;
    }

    // The keyword that starts a statement: "run" for ItemKind::Run.
    static std::string keyword(ItemKind kind) {
        std::string words = ast::describe(kind);
        return words.substr(0, words.find(' '));
    }

    static std::string with_name(const std::string& word, const Item& item) {
        return item.name.empty() ? word : word + " " + item.name;
    }

    // The one-line text of an item; nested children are printed by the caller.
    static std::string head(const Item& item) {
        switch (item.kind) {
        case ItemKind::Assign:
            return print_expr(*item.exprs[0]) + " " + ast::spelling(item.op) + " " +
                   print_expr(*item.exprs[1]);
        case ItemKind::ExprStmt: return exprs(item);
        case ItemKind::Repeat:
            return "repeat " + exprs(item) + (item.name.empty() ? "" : " as " + item.name);
        case ItemKind::For: return "for " + item.name + " in " + exprs(item);
        case ItemKind::Set: return "set " + statements(item.children);
        case ItemKind::Store:
        case ItemKind::Restore: return with_name(keyword(item.kind), item);
        case ItemKind::Analyse:
            return "analyse " + (item.name.empty() ? "" : item.name + " = ") + exprs(item);
        default: break;
        }
        // run, train, apply, freeze, unfreeze, print: keyword then expressions
        return keyword(item.kind) + " " + exprs(item);
    }

    void clause(int depth, const Item& item) {
        std::string head = with_name("clause " + item.key, item);
        if (item.block_form) {
            line(depth, head + " (block)");
            items(depth + 1, item.children);
        } else {
            line(depth, head + ": " + statements(item.children));
        }
    }

    void branch(int depth, const Item& item) {
        line(depth, "if " + exprs(item));
        items(depth + 1, item.children);
        if (item.has_else) {
            line(depth, "else");
            items(depth + 1, item.else_children);
        }
    }

    static std::string flags(const std::vector<ast::Flag>& list) {
        std::string out;
        for (const ast::Flag& flag : list) {
            out += (out.empty() ? "" : ", ") + flag.text;
        }
        return list.empty() ? "" : " (" + out + ")";
    }

    static std::string equation(const ast::Equation& eq) {
        std::string lhs = eq.name;
        if (eq.kind == ast::Equation::Kind::Differential) {
            lhs = "d" + eq.name + "/dt";
        }
        std::string rhs = eq.rhs ? " = " + print_expr(*eq.rhs) : "";
        return lhs + rhs + " : " + print_unit(eq.unit) + flags(eq.flags);
    }

    static std::string unit_suffix(const std::optional<ast::UnitSpec>& unit) {
        return unit ? " : " + print_unit(*unit) : "";
    }

    void declaration(const ast::ImportDecl& d) {
        line(0, "import \"" + d.path + "\"" + (d.alias.empty() ? "" : " as " + d.alias));
    }

    void declaration(const ast::ParamDecl& d) {
        line(0, std::string(d.is_let ? "let " : "param ") + d.name + unit_suffix(d.unit) +
                    " = " + print_expr(*d.value));
        items(1, d.body);
    }

    void declaration(const ast::ModeDecl& d) {
        std::string bases;
        for (const auto& [base, range] : d.bases) {
            bases += (bases.empty() ? " extends " : ", ") + base;
        }
        line(0, "mode " + d.name + bases);
        items(1, d.items);
    }

    void declaration(const ast::FunctionDecl& d) {
        std::string formals;
        for (const ast::Formal& f : d.formals) {
            formals += (formals.empty() ? "" : ", ") + f.name + unit_suffix(f.unit);
        }
        line(0, "function " + d.name + "(" + formals + ")" + unit_suffix(d.result_unit) +
                    " = " + print_expr(*d.body));
    }

    void declaration(const ast::TypeDecl& d) {
        bool neuron = d.kind == ast::TypeDecl::Kind::Neuron;
        line(0, std::string(neuron ? "neuron " : "synapse ") + d.name);
        items(1, d.body);
    }

    void declaration(const ast::InstanceDecl& d) {
        std::string head = d.kind + " " + d.name;
        if (d.call_form) {
            std::string args;
            for (size_t i = 0; i < d.args.size(); ++i) {
                std::string name = i < d.arg_names.size() ? d.arg_names[i] : "";
                args += (i > 0 ? ", " : "") + (name.empty() ? "" : name + " = ") +
                        print_expr(*d.args[i]);
            }
            head += "(" + args + ")";
        } else {
            head += " = " + print_expr(*d.value);
        }
        line(0, head);
        items(1, d.body);
    }

    void declaration(const ast::SettingDecl& d) {
        line(0, "setting " + d.key + ": " + statements(d.items));
    }

    void declaration(const Item& item) { this->item(0, item); }

    std::ostringstream out_;
};

}  // namespace

std::string print_ast(const ast::ModelFile& file, const support::SourceManager& /*sources*/) {
    Printer printer;
    for (const ast::TopItem& item : file.items) {
        printer.top(item);
    }
    return printer.text();
}

}  // namespace nj::parse
