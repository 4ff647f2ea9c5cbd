/// Called after every optimiser step, e.g. to re-estimate transformed nonlinearities.
public protocol StepHook: AnyObject {
    func afterStep(_ step: Int, batch: Tensor, model: any Layer)
}
