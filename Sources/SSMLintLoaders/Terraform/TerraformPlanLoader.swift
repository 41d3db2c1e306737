import SSMLintModel
import SSMLintYAML

/// Terraform plan JSON (`terraform show -json`) -> model.
public enum TerraformPlanLoader {
    public static func load(root: YAMLNode, file: String, options: LoadOptions) -> Result<LoadedInput, LoadError> {
        let plan = TerraformPlan(root: root)
        guard TerraformPlan.supportedMajor(plan.formatVersion) else {
            return .failure(LoadError(file: file, position: root["format_version"]?.range.start,
                                      message: "unsupported plan format_version \(plan.formatVersion) (ssmlint reads 0.x and 1.x)"))
        }
        var builder = TerraformModelBuilder(file: file, plan: plan, options: options)
        var loaded = builder.build()
        loaded.terraformModuleSources = plan.moduleSources
        if root["planned_values"] == nil {
            loaded.remarks.append("the plan has no planned_values (nothing is planned, or it was made with -refresh-only)")
        }
        return .success(loaded)
    }
}
