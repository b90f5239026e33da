// camunda:formKey and Camunda's camunda:formRef with formRefBinding/formRefVersion on user tasks.
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Parsing;

public class FormReferenceParsingTests
{
    private static string TaskWith(string attributes) =>
        Bpmn.Process(
            Bpmn.Chain(
                $"<bpmn:userTask id=\"review\" camunda:candidateGroups=\"bureau:kjj/reviewer\" {attributes}/>"
            )
        );

    [Theory]
    [InlineData("camunda:formKey=\"opinion\"", FormBinding.Deployment, null)]
    [InlineData("camunda:formRef=\"opinion\"", FormBinding.Latest, null)]
    [InlineData(
        "camunda:formRef=\"opinion\" camunda:formRefBinding=\"deployment\"",
        FormBinding.Deployment,
        null
    )]
    [InlineData(
        "camunda:formRef=\"opinion\" camunda:formRefBinding=\"latest\"",
        FormBinding.Latest,
        null
    )]
    [InlineData(
        "camunda:formRef=\"opinion\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"3\"",
        FormBinding.Version,
        3
    )]
    public void A_user_task_reads_its_form_and_which_version_it_binds(
        string attributes,
        FormBinding binding,
        int? version
    )
    {
        var spec = Bpmn.Valid(TaskWith(attributes)).Node<UserTask>("review").Spec;

        Assert.Equal("opinion", spec.FormKey);
        Assert.Equal(binding, spec.FormBinding);
        Assert.Equal(version, spec.FormVersion);
    }

    [Theory]
    [InlineData("camunda:formKey=\"a\" camunda:formRef=\"b\"", "both set")]
    [InlineData(
        "camunda:formRef=\"a\" camunda:formRefBinding=\"newest\"",
        "'newest' is not one of latest, deployment, version"
    )]
    [InlineData(
        "camunda:formRef=\"a\" camunda:formRefBinding=\"1\"",
        "'1' is not one of latest, deployment, version"
    )]
    [InlineData(
        "camunda:formRef=\"a\" camunda:formRefBinding=\"version\"",
        "needs camunda:formRefVersion"
    )]
    [InlineData(
        "camunda:formRef=\"a\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"0\"",
        "'0' is not a positive whole number"
    )]
    [InlineData(
        "camunda:formRef=\"a\" camunda:formRefVersion=\"2\"",
        "only read with camunda:formRefBinding=\"version\""
    )]
    [InlineData("camunda:formKey=\"a\" camunda:formRefBinding=\"latest\"", "need camunda:formRef")]
    public void A_malformed_form_reference_is_an_error_on_the_task(
        string attributes,
        string fragment
    )
    {
        Bpmn.HasError(Bpmn.Parse(TaskWith(attributes)), "review", fragment);
    }
}
