// The population model behind lif_mean_field in solver-ready form: input moments, the
// transfer vector Phi(nu) with its exact Jacobian, and input validation (spec §8.1).
#pragma once

#include "runtime/analyses/mean_field.h"
#include "runtime/analyses/mean_field_transfer.h"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace nj::rt {

/// A validated MeanFieldInput with the products the equations need.
struct MeanFieldModel {
    Eigen::MatrixXd coupling;         ///< C_ab J_ab
    Eigen::MatrixXd coupling_square;  ///< C_ab J_ab²
    Eigen::VectorXd ext_mean;         ///< J_ext C_ext nu_ext per population (Hz)
    Eigen::VectorXd ext_variance;     ///< J_ext² C_ext nu_ext
    Eigen::VectorXd tau_m;
    Eigen::VectorXd rate_tau;  ///< time constants of the rate dynamics (s)
    std::vector<LifParams> lif;

    /// Number of populations P.
    Eigen::Index size() const { return tau_m.size(); }
};

/// The input's first problem as a user-facing sentence (wrong sizes, non-finite values,
/// non-positive time constants, reset >= threshold, ...), or "" when it is usable.
std::string check_mean_field_input(const MeanFieldInput& input);

/// Builds the model from an input that check_mean_field_input accepted.
MeanFieldModel make_mean_field_model(const MeanFieldInput& input, bool colored_noise);

/// Mean and standard deviation of every population's input at rates nu.
struct InputMoments {
    Eigen::VectorXd mu, sigma;
};

/// mu = tau_m (C∘J nu + ext_mean), sigma = sqrt(max(tau_m (C∘J² nu + ext_variance), 1e-12)).
InputMoments input_moments(const MeanFieldModel& model, const Eigen::VectorXd& nu);

/// Phi(nu), the vector of population rates (Hz).
Eigen::VectorXd transfer_vector(const MeanFieldModel& model, const Eigen::VectorXd& nu);

/// Phi(nu) and its exact Jacobian d_phi[a][b] = dPhi_a/dnu_b (chain rule through mu, sigma).
Eigen::VectorXd transfer_vector(const MeanFieldModel& model, const Eigen::VectorXd& nu,
                                Eigen::MatrixXd& d_phi);

}  // namespace nj::rt
